// The security headers deploy/nginx.conf (with deploy/security-headers.conf) sends, and the app
// working under them: no Content-Security-Policy violation on any kind of page, and no request to
// any origin but Lede's own. See docs/security.md.
import type { Page, APIResponse } from '@playwright/test';
import { test, expect, cspSettled, CSP_SENTINEL } from './fixtures';

const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';

function headers(response: APIResponse) {
  return response.headers();
}

/** The headers every response carries, whatever its type. */
function expectSecurityHeaders(h: Record<string, string>, what: string) {
  const csp = h['content-security-policy'];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
  expect(directives.get('default-src'), what).toEqual(["'self'"]);
  expect(directives.get('script-src'), what).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('style-src'), what).toEqual(["'self'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  expect(directives.get('base-uri'), what).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(directives.get('connect-src'), what).toEqual(["'self'"]);
  expect(directives.get('img-src'), what).toEqual(["'self'"]);
  expect(directives.get('worker-src'), what).toEqual(["'self'"]);
  // No unsafe-inline or unsafe-eval anywhere, and no other origin.
  expect(csp, what).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('same-origin');
  expect(h['permissions-policy'], what).toMatch(/camera=\(\)/);
  expect(h['permissions-policy'], what).toMatch(/microphone=\(\)/);
  expect(h['permissions-policy'], what).toMatch(/geolocation=\(\)/);
  expect(h['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(h['x-frame-options'], what).toBe('DENY');
}

test('every kind of response carries the security headers, the right type, caching and compression', async ({ request }) => {
  const gzip = { 'accept-encoding': 'gzip' };
  const front = await request.get('/', { headers: gzip });
  expect(front.status()).toBe(200);
  const html = await front.text();
  const bootName = html.match(/<script type="module" src="\/(boot-[0-9a-f]{16}\.js)"><\/script>/)![1];
  // The page does not name (or preload) the app's wasm: its loader, the boot script, does.
  const boot = await (await request.get(`/${bootName}`)).text();
  const wasmName = boot.match(/\/(lede-[0-9a-f]+_bg\.wasm)/)![1];

  const cases: { path: string; status: number; type: RegExp; cache: RegExp }[] = [
    { path: '/', status: 200, type: /^text\/html/, cache: /^no-cache$/ },
    { path: `/article/${SEED}`, status: 200, type: /^text\/html/, cache: /^no-cache$/ },
    { path: '/saved', status: 200, type: /^text\/html/, cache: /^no-cache$/ },
    { path: '/no-such-page', status: 404, type: /^text\/html/, cache: /^no-cache$/ },
    { path: '/shell.html', status: 200, type: /^text\/html/, cache: /^no-cache$/ },
    { path: '/feed.json', status: 200, type: /^application\/json/, cache: /^no-cache$/ },
    { path: `/articles/${SEED}.json`, status: 200, type: /^application\/json/, cache: /^no-cache$/ },
    { path: '/feed.atom', status: 200, type: /^application\/atom\+xml/, cache: /^no-cache$/ },
    { path: `/${wasmName}`, status: 200, type: /^application\/wasm$/, cache: /immutable/ },
    { path: `/${bootName}`, status: 200, type: /javascript/, cache: /immutable/ },
    { path: '/sw.js', status: 200, type: /javascript/, cache: /^no-cache$/ },
    { path: '/lede-ner-worker_loader.js', status: 200, type: /javascript/, cache: /^no-cache$/ },
  ];
  for (const c of cases) {
    const response = await request.get(c.path, { headers: gzip });
    const h = headers(response);
    expect(response.status(), c.path).toBe(c.status);
    expect(h['content-type'], c.path).toMatch(c.type);
    expect(h['cache-control'], c.path).toMatch(c.cache);
    expectSecurityHeaders(h, c.path);
  }
  // Compression: HTML, JSON, the Atom feed and the wasm go gzipped (Playwright's request shows
  // the encoding the server chose before decoding).
  for (const path of ['/', `/articles/${SEED}.json`, '/feed.atom', `/${wasmName}`]) {
    const response = await request.get(path, { headers: gzip });
    expect(headers(response)['content-encoding'], path).toBe('gzip');
  }
});

test('the pages have no inline executable script: Trunk\'s loader is an external, hashed file', async ({ request }) => {
  for (const path of ['/', `/article/${SEED}`, '/shell.html', '/saved']) {
    const html = await (await request.get(path)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      const external = /\bsrc=/.test(attrs);
      const data = /type="application\/ld\+json"/.test(attrs);
      expect(external || data, `${path}: inline script <script${attrs}>`).toBe(true);
      if (external) expect(body.trim(), path).toBe('');
    }
    expect(html, path).toMatch(/<script type="module" src="\/boot-[0-9a-f]{16}\.js"><\/script>/);
  }
});

/** Collects CSP violations (DOM events and console reports) and requests to other origins. */
async function watch(page: Page, baseURL: string) {
  const violations: string[] = [];
  const foreign: string[] = [];
  await page.addInitScript((sentinel) => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      if (e.blockedURI.includes(sentinel)) return;
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  }, CSP_SENTINEL);
  page.on('console', (msg) => {
    if (msg.text().includes(CSP_SENTINEL)) return;
    if (/Content Security Policy|Content-Security-Policy|Trusted Type/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  const origin = new URL(baseURL).origin;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname === CSP_SENTINEL) return;
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
  // Once whatever happened so far has reported its violations (see cspSettled).
  const collect = async () => {
    await cspSettled(page);
    const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...violations, ...events];
  };
  return { collect, foreign };
}

test('no CSP violation and no request to another origin on any page', async ({ page, baseURL }) => {
  const { collect, foreign } = await watch(page, baseURL!);
  const seen: string[] = [];

  await page.goto('/');
  await expect(page.locator('.story-card')).toHaveCount(5);
  seen.push(...(await collect()));

  // A story with its entities highlighted: the worker, its wasm and the model all load.
  await page.goto(`/article/${SEED}`);
  await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
  // Scrolling drives the progress bar (its transform is set through the CSSOM).
  await page.mouse.wheel(0, 1500);
  await expect(page.locator('.reading-progress-bar')).toHaveAttribute('style', /scaleX\(0\.\d*[1-9]/);
  // Selecting an entity (the panel, CSS highlights) and opening settings.
  const firstEntity = page.locator('mark.entity').first();
  await firstEntity.click();
  seen.push(...(await collect()));

  await page.goto('/saved');
  await expect(page.locator('main h1')).toBeVisible();
  seen.push(...(await collect()));

  const missing = await page.goto('/no-such-page');
  expect(missing!.status()).toBe(404);
  await expect(page.locator('main h1')).toBeVisible();
  seen.push(...(await collect()));

  // A story file that does not exist: the app's error view.
  await page.goto('/article/no-such-story');
  await expect(page.locator('main h1, main h2').first()).toBeVisible();
  seen.push(...(await collect()));

  expect(seen).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the service worker installs and serves under the policy', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: 'allow', baseURL });
  const page = await context.newPage();
  const { collect, foreign } = await watch(page, baseURL!);
  await page.goto(`/article/${SEED}`);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  expect(await collect()).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});
