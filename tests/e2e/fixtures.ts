// The `test` every spec uses: Playwright's, with a page whose goto and reload also wait for the
// app to take the pre-rendered page over (see src/takeover.rs). Until then the page shows static
// HTML whose buttons do nothing yet, and an element found then is replaced a moment later.
// A page the build did not pre-render has nothing to take over, and nothing is waited for. A
// takeover that does not come fails the test, naming the address: where a test means the app not
// to take over (it is held back, or the document it needs is refused), it says so with
// `gotoWithoutTakeover`.
import { test as base, expect, type Locator, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';

/** How long the app may take to replace the pre-rendered page (it loads its wasm and the story). */
const TAKEOVER_TIMEOUT = 15_000;

/** Each wrapped page's own goto, for `gotoWithoutTakeover`. */
const plainGoto = new WeakMap<Page, Page['goto']>();

/** Waits for the app to take the pre-rendered page over, for pages not made by this `test`
 *  (a persistent context's, say). */
export async function takenOver(page: Page, what: string) {
  try {
    await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: TAKEOVER_TIMEOUT });
  } catch (error) {
    throw new Error(
      `${what}: the app did not take the pre-rendered page over within ${TAKEOVER_TIMEOUT / 1000} s ` +
        `(#prerendered is still there). If the test means it not to, open the page with gotoWithoutTakeover.\n${error}`,
    );
  }
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    plainGoto.set(page, goto);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await takenOver(page, `goto ${url}`);
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      await takenOver(page, `reload of ${page.url()}`);
      return response;
    };
    await use(page);
  },
});

/** Opens `url` for a test in which the app is meant not to take the pre-rendered page over (or
 *  not yet), and checks that there is a pre-rendered page: it returns as soon as the page has
 *  loaded, with that page showing. */
export async function gotoWithoutTakeover(page: Page, url: string, options?: Parameters<Page['goto']>[1]): Promise<Response | null> {
  const goto = plainGoto.get(page) ?? page.goto.bind(page);
  const response = await goto(url, options);
  await expect(page.locator('#prerendered'), `${url} has a pre-rendered page`).toBeAttached();
  return response;
}

export { expect };

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the tags every accessibility check runs with. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's rules for those tags that a run by tag leaves out because axe calls them experimental
 *  (label-content-name-mismatch, WCAG 2.5.3 Label in Name, is one): switched on by name. */
const EXPERIMENTAL_WCAG_RULES = axeCore
  .getRules(WCAG_TAGS)
  .filter((rule) => rule.tags.includes('experimental') && !rule.tags.includes('deprecated'))
  .map((rule) => rule.ruleId);
if (!EXPERIMENTAL_WCAG_RULES.includes('label-content-name-mismatch')) {
  throw new Error(`axe-core ${axeCore.version} has no experimental label-content-name-mismatch rule: check EXPERIMENTAL_WCAG_RULES`);
}

/** axe over the page with every WCAG A and AA rule (see WCAG_TAGS), experimental ones included,
 *  and axe's best practices, which its default run also checks. Fails if a rule that only runs
 *  when asked for by name or tag (the experimental ones, target-size) did not run. */
export async function axe(page: Page): Promise<axeCore.AxeResults> {
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG_RULES.map((id) => [id, { enabled: true }])) })
    .withTags([...WCAG_TAGS, 'best-practice'])
    .analyze();
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id));
  expect([...EXPERIMENTAL_WCAG_RULES, 'target-size'].filter((id) => !ran.has(id)), 'axe rules that did not run').toEqual([]);
  return results;
}

/** The host of the address `cspSettled` fetches. The policy (connect-src 'self') refuses it, so
 *  nothing is sent; watchers of violations, console messages and requests leave it out. */
export const CSP_SENTINEL = 'csp-sentinel.invalid';

let sentinels = 0;

/**
 * Returns once everything that happened so far has reported any Content-Security-Policy
 * violation it caused, instead of waiting a while and hoping: the eager images have loaded or
 * failed (an injected onerror handler would have run then), and a violation made on purpose
 * after them (a fetch of CSP_SENTINEL) has reached the page's securitypolicyviolation listeners
 * and Playwright's console. Violations are reported in order, so an earlier one arrived first.
 */
export async function cspSettled(page: Page) {
  const url = `https://${CSP_SENTINEL}/${++sentinels}`;
  const logged = page.waitForEvent('console', { predicate: (msg) => msg.text().includes(url), timeout: 10_000 });
  await page.evaluate(async (url) => {
    const eager = [...document.images].filter((img) => img.loading !== 'lazy');
    await Promise.all(eager.map((img) => new Promise<void>((resolve) => {
      img.addEventListener('load', () => resolve(), { once: true });
      img.addEventListener('error', () => resolve(), { once: true });
      if (img.complete) resolve();
    })));
    await new Promise<void>((resolve) => {
      const seen = (e: SecurityPolicyViolationEvent) => {
        if (e.blockedURI !== url) return;
        document.removeEventListener('securitypolicyviolation', seen);
        resolve();
      };
      document.addEventListener('securitypolicyviolation', seen);
      fetch(url).catch(() => {});
    });
  }, url);
  await logged;
}

/** Serves `path` (a JSON file of this site) changed by `edit`, for every request the page makes
 *  for it. The original is fetched once, here, with the context's own request client, not with
 *  `route.fetch()` inside the handler: a response fetched for a request is disposed when the page
 *  navigates or drops the request, and a handler still reading it then fails the test. */
export async function serveEditedJson<T = any>(page: Page, path: string, edit: (json: T) => T | void) {
  const original = await page.request.get(path);
  expect(original.ok(), `${path} is there to edit`).toBe(true);
  const text = await original.text();
  const headers = { ...original.headers() };
  // The client has decoded the body: what it sends on is the plain, changed text.
  delete headers['content-encoding'];
  delete headers['content-length'];
  await page.route(`**${path}`, (route) => {
    const json = JSON.parse(text) as T;
    const changed = edit(json) ?? json;
    return route.fulfill({ status: original.status(), headers, json: changed });
  });
}

/** The pixel size of the picture at `url` as the page receives it (through its service worker,
 *  when one controls it): not `naturalWidth`, which a `srcset` candidate divides by its density. */
export async function pixelSize(page: Page, url: string): Promise<[number, number]> {
  return page.evaluate(async (url) => {
    const bitmap = await createImageBitmap(await (await fetch(url)).blob());
    return [bitmap.width, bitmap.height] as [number, number];
  }, url);
}

/** The address of the picture an `<img>` shows (its `currentSrc`, as a path), once loaded. */
export async function shownPicture(img: Locator): Promise<string | null> {
  return img.evaluate((img: HTMLImageElement) =>
    img.complete && img.naturalWidth > 0 ? new URL(img.currentSrc).pathname : null);
}

/** Waits for the service worker, then reloads so that it controls the page (the first visit's
 *  files were fetched before it did), and checks that it does. */
export async function underWorker(page: Page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker controls the page').toBe(true);
}
