// Hostile documents: every string field of a story and of the feed filled with XSS vectors from
// tests/fixtures/xss-vectors.txt (one a line, grouped by OWASP's filter-evasion categories). The
// stories and the feed are built here from the real files and served with page.route, so this
// runs against the release build behind nginx with its Content-Security-Policy. Expected: no
// script runs, no CSP violation, every payload shown as literal text, unsafe addresses never
// become links (the validator refuses the story and the error view names each field), and no
// request leaves Lede's origin. See docs/security.md.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, cspSettled, CSP_SENTINEL } from './fixtures';

// Route interception does not see a service worker's fetches.
test.use({ serviceWorkers: 'block' });

const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const EXPLAINER = 'armenia-and-azerbaijan';

const VECTORS: string[] = fs
  .readFileSync(path.resolve('tests/fixtures/xss-vectors.txt'), 'utf8')
  .split('\n')
  .map((line) => line.replace(/\r$/, ''))
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

/**
 * Every address-shaped input and the answer wanted for it, written by hand from the URL standard
 * (https://url.spec.whatwg.org/, "basic URL parser", with this site's page as the base):
 * - `site`: a path or fragment that resolves to this site;
 * - `elsewhere`: an absolute http(s) URL, a link that visibly goes to another site;
 * - `refused`: anything else. `leaves` marks the ones a browser would send to another host
 *   although they do not look like an absolute URL: the parser drops leading and trailing C0
 *   controls and spaces and every tab and newline, reads `\` as `/` in http(s) URLs, and reads
 *   `https:host` on an http page (and `https:/host`, `https:///host`) as `https://host/`.
 * The answers are not computed from Lede's code: when the validator disagrees, it is the one to fix.
 */
type Want = 'site' | 'elsewhere' | 'refused';
const HREFS: { href: string; want: Want; leaves?: true }[] = [
  // Paths and fragments on this site.
  { href: '/', want: 'site' },
  { href: '/article/armenia-and-azerbaijan', want: 'site' },
  { href: '/search?q=%2F%2Fevil.example#top', want: 'site' },
  { href: '/%5Cevil.example/path', want: 'site' }, // an encoded backslash is a path character
  { href: '/%2F/evil.example', want: 'site' }, // and so is an encoded slash
  { href: '#p1', want: 'site' },
  // Absolute http(s) URLs, whatever odd characters their path or query carry.
  { href: 'https://evil.example/path', want: 'elsewhere' },
  { href: 'HTTP://EVIL.EXAMPLE/', want: 'elsewhere' },
  { href: 'https://evil.example/"><script>__xss.push(48)</script>', want: 'elsewhere' },
  { href: 'http://127.0.0.1/?q=<script>__xss.push(49)</script>', want: 'elsewhere' },
  // Addresses that look like site paths but leave the site.
  { href: '//evil.example/path', want: 'refused', leaves: true },
  { href: '/\\evil.example/path', want: 'refused', leaves: true },
  { href: '/\\\\evil', want: 'refused', leaves: true },
  { href: '\\\\evil.example', want: 'refused', leaves: true },
  { href: '\\/evil.example', want: 'refused', leaves: true },
  { href: '/\t/evil.example', want: 'refused', leaves: true },
  { href: '/\n/evil.example', want: 'refused', leaves: true },
  { href: '/\r\\evil.example', want: 'refused', leaves: true },
  { href: ' //evil.example', want: 'refused', leaves: true },
  { href: '\t//evil.example', want: 'refused', leaves: true },
  { href: '\u0000//evil.example', want: 'refused', leaves: true },
  // Absolute URLs in shapes the URL standard calls errors, which still reach another host.
  { href: 'https:evil.example', want: 'refused', leaves: true },
  { href: 'https:/evil.example', want: 'refused', leaves: true },
  { href: 'https:///evil.example', want: 'refused', leaves: true },
  { href: 'https:\\\\evil.example', want: 'refused', leaves: true },
  { href: 'https://\\evil.example', want: 'refused', leaves: true },
  { href: 'http:\\/evil.example', want: 'refused', leaves: true },
  { href: 'https://', want: 'refused' },
  // Other schemes, and scheme names disguised with entities, case, tabs and spaces.
  { href: 'javascript:__xss.push(30)', want: 'refused' },
  { href: 'JaVaScRiPt:__xss.push(31)', want: 'refused' },
  { href: 'javascript://%0a__xss.push(32)', want: 'refused' },
  { href: ' javascript:__xss.push(33)', want: 'refused' },
  { href: 'java&#09;script:__xss.push(34)', want: 'refused' },
  { href: 'java\tscript:__xss.push(35)', want: 'refused' },
  { href: '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss.push(36)', want: 'refused' },
  { href: 'javascript&colon;__xss.push(37)', want: 'refused' },
  { href: 'data:text/html,<script>__xss.push(38)</script>', want: 'refused' },
  { href: 'data:text/html;base64,PHNjcmlwdD5fX3hzcy5wdXNoKDM5KTwvc2NyaXB0Pg==', want: 'refused' },
  { href: 'data:image/svg+xml,<svg onload=__xss.push(40)>', want: 'refused' },
  { href: 'vbscript:msgbox(41)', want: 'refused' },
  { href: '&#60;script&#62;__xss.push(59)&#60;/script&#62;', want: 'refused' },
  // Relative references that are not site paths (they depend on the page they are on), and
  // spaces, which an address must carry percent-encoded.
  { href: 'article/armenia-and-azerbaijan', want: 'refused' },
  { href: '\uff0f\uff0fevil.example', want: 'refused' }, // full-width solidi: a relative path, not a slash
  { href: '/article/a b', want: 'refused' },
  { href: '', want: 'refused' },
];
/** Corpus lines shaped like an address (a scheme, slashes or backslashes, an entity): each needs a row above. */
const URLISH = VECTORS.filter((v) => /^\s*([a-z][a-z0-9+.-]*(:|&colon;|&#)|java\s|&#|[/\\]\s*[/\\])/i.test(v));

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Json = Record<string, any>;

/** Records script executions (the payloads call __xss.push or alert), CSP violations and requests elsewhere. */
async function watch(page: Page, baseURL: string) {
  const dialogs: string[] = [];
  const consoleCsp: string[] = [];
  await page.addInitScript((sentinel) => {
    const w = window as unknown as Record<string, unknown>;
    const ran: unknown[] = [];
    w.__xss = ran;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      const original = w[name] as (...a: unknown[]) => unknown;
      w[name] = (...args: unknown[]) => { ran.push(`${name}(${args.join(',')})`); return original ? undefined : undefined; };
    }
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      if (!e.blockedURI.includes(sentinel)) (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  }, CSP_SENTINEL);
  page.on('dialog', (dialog) => { dialogs.push(`${dialog.type()}: ${dialog.message()}`); void dialog.dismiss(); });
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text()) && !msg.text().includes(CSP_SENTINEL)) consoleCsp.push(msg.text());
  });
  const origin = new URL(baseURL).origin;
  // Chromium reports a request the policy blocks as a request that failed with
  // `csp` (net::ERR_BLOCKED_BY_CSP): such a request never left the browser, and is counted apart.
  const blocked = new Set<unknown>();
  const elsewhere: { request: unknown; url: string }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname === CSP_SENTINEL) return;
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') elsewhere.push({ request, url: request.url() });
  });
  page.on('requestfailed', (request) => {
    if (/^csp$|BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? '')) blocked.add(request);
  });
  const foreign = { get list() { return elsewhere.filter((r) => !blocked.has(r.request)).map((r) => r.url); } };
  return {
    /** Everything that went wrong so far, as one object to compare with the empty one, once
     *  whatever happened so far has had its effect (see cspSettled). */
    async report() {
      await cspSettled(page);
      const state = await page.evaluate(() => {
        const w = window as unknown as { __xss: unknown[]; __csp: string[] };
        // Attributes an injection would bring: event handlers, and elements that run or embed things.
        const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `<${el.localName} ${a.name}>`));
        const embedded = [...document.body.querySelectorAll('script, iframe, frame, frameset, object, embed, base, meta, link, portal, style, template, xmp, marquee, math')]
          .map((el) => el.localName);
        const javascriptLinks = [...document.querySelectorAll('a[href], area[href], [formaction], form[action]')]
          .map((el) => el.getAttribute('href') ?? el.getAttribute('formaction') ?? el.getAttribute('action') ?? '')
          .filter((href) => !/^(https?:|\/(?!\/)|#|\?)/i.test(href.trim()) && href !== '');
        const imagesElsewhere = [...document.images].map((img) => img.currentSrc || img.src)
          .filter((src) => src && new URL(src, location.href).origin !== location.origin);
        return { executed: [...w.__xss], csp: [...w.__csp], handlers, embedded, javascriptLinks, imagesElsewhere };
      });
      return { ...state, dialogs: [...dialogs], consoleCsp: [...consoleCsp], foreign: foreign.list, blockedElsewhere: blocked.size };
    },
  };
}

const CLEAN = { executed: [], csp: [], handlers: [], embedded: [], javascriptLinks: [], imagesElsewhere: [], dialogs: [], consoleCsp: [], foreign: [], blockedElsewhere: 0 };

/** A story with the batch's payloads in every string field (addresses stay safe here). */
function hostileStory(base: Json, batch: string[]): Json {
  const at = (i: number) => batch[i % batch.length];
  const story: Json = structuredClone(base);
  story.headline = at(0);
  story.standfirst = at(1);
  story.section = at(2);
  story.dateline = at(3);
  story.authors = [{ name: at(4) }, { name: at(5), url: '/' }];
  story.publisher = { name: at(6), url: 'https://www.voanews.com/' };
  story.leadImage = { ...base.leadImage, alt: at(7), caption: at(8), credit: at(9) };
  story.keywords = batch;
  story.entities = batch.map((name, i) => ({ name, type: ['PER', 'LOC', 'ORG', 'MISC'][i % 4] }));
  story.body = [
    { type: 'heading', id: 'h', level: 2, content: [{ text: at(10) }] },
    ...batch.map((v, i) => ({
      type: 'paragraph',
      id: `x${i}`,
      content: [{ text: v }, { text: ` ${v}`, marks: ['strong'] }, { text: ` ${v}`, href: `/article/${EXPLAINER}` }],
    })),
    { type: 'quote', id: 'q', content: [{ text: at(11) }], attribution: at(12) },
    { type: 'image', id: 'img', image: { ...base.leadImage, alt: at(13), caption: at(14), credit: at(15) } },
  ];
  story.related = [{ label: at(16), afterBlock: 'x0', items: batch.map((title) => ({ title, href: `/article/${EXPLAINER}` })) }];
  delete story.breaking;
  return story;
}

test(`the corpus has at least 100 vectors (${VECTORS.length})`, () => {
  expect(VECTORS.length).toBeGreaterThanOrEqual(100);
  expect(new Set(VECTORS).size).toBeGreaterThan(100);
});

test('hostile stories: every payload in every field is shown as text and nothing runs', async ({ page, baseURL, request }) => {
  test.setTimeout(60_000);
  const base: Json = await (await request.get(`/articles/${SEED}.json`)).json();
  let current: Json = base;
  await page.route(`**/articles/${SEED}.json`, (route) => route.fulfill({ json: current }));
  const { report } = await watch(page, baseURL!);

  for (const batch of batches(VECTORS, 24)) {
    current = hostileStory(base, batch);
    await page.goto(`/article/${SEED}`);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveCount(1);
    // Literal text: the headline is exactly the payload, and so is every other field.
    expect(await h1.evaluate((el) => el.textContent)).toBe(current.headline);
    await expect(page).toHaveTitle(`${current.headline} — Lede`.replace(/\s+/g, ' ').trim());
    expect(await page.locator('.standfirst').evaluate((el) => el.textContent)).toBe(current.standfirst);
    expect(await page.locator('.dateline').evaluate((el) => el.textContent)).toBe(current.dateline);
    for (const [i, v] of batch.entries()) {
      const para = page.locator(`#x${i}`);
      expect(await para.evaluate((el) => el.textContent), `paragraph ${i}`).toContain(`${v} ${v} ${v}`);
      expect(await para.locator('strong').evaluate((el) => el.textContent)).toBe(` ${v}`);
    }
    const text = (await page.locator('main').evaluate((el) => el.textContent)) ?? '';
    for (const v of [current.section, current.authors[0].name, current.leadImage.caption, current.leadImage.credit,
      current.body[current.body.length - 2].attribution, current.related[0].label]) {
      expect(text, 'a field shown literally').toContain(v);
    }
    await expect(page.locator('figure.figure-lead img')).toHaveAttribute('alt', current.leadImage.alt);
    expect(await report(), `batch starting ${JSON.stringify(batch[0])}`).toEqual(CLEAN);
  }
});

test('hostile feed: every title, summary, section and name on the front page is text and nothing runs', async ({ page, baseURL, request }) => {
  test.setTimeout(60_000);
  const base: Json = await (await request.get('/feed.json')).json();
  const template = base.items.find((i: Json) => i._lede?.slug === SEED);
  const feed: Json = structuredClone(base);
  feed.title = VECTORS[0];
  feed.description = VECTORS[1];
  feed.items = VECTORS.map((v, i) => ({
    ...structuredClone(template),
    id: `${baseURL}/article/xss-${i}`,
    url: `${baseURL}/article/xss-${i}`,
    title: v,
    summary: VECTORS[(i + 1) % VECTORS.length],
    content_text: v,
    authors: [{ name: v }],
    tags: [v],
    _lede: { slug: `xss-${i}`, section: VECTORS[(i + 2) % VECTORS.length], thumbnail: { ...template._lede.thumbnail, alt: v } },
  }));
  await page.route('**/feed.json', (route) => route.fulfill({ json: feed }));
  const { report } = await watch(page, baseURL!);

  // The front page shows the stories a page at a time (`?page=2`) or all at once, depending on the build.
  let covered = 0;
  for (let p = 1; covered < VECTORS.length && p <= VECTORS.length; p++) {
    await page.goto(p === 1 ? '/' : `/?page=${p}`);
    const titles = page.locator('.story-card .story-title');
    await expect(titles.first()).toBeVisible();
    const count = await titles.count();
    const shown = VECTORS.slice(covered, covered + count);
    expect(await titles.evaluateAll((els) => els.map((el) => el.textContent))).toEqual(shown);
    const summaries = await page.locator('.story-card .story-summary').evaluateAll((els) => els.map((el) => el.textContent));
    expect(summaries).toEqual(shown.map((_, k) => VECTORS[(covered + k + 1) % VECTORS.length]));
    const links = await page.locator('.story-card .story-title a').evaluateAll((els) => els.map((el) => el.getAttribute('href')));
    expect(links).toEqual(shown.map((_, k) => `/article/xss-${covered + k}`));
    covered += count;
    expect(await report(), `front page ${p}`).toEqual(CLEAN);
  }
  expect(covered).toBe(VECTORS.length);
});

test('every address-shaped vector of the corpus has a row in the table of wanted answers', () => {
  const rows = new Set(HREFS.map((r) => r.href));
  expect(URLISH.length).toBeGreaterThanOrEqual(15);
  expect(URLISH.filter((v) => !rows.has(v))).toEqual([]);
  expect(HREFS.length).toBe(rows.size);
});

test('the table agrees with the browser: site rows stay on this site, the ones marked as leaving leave it', async ({ page }) => {
  await page.goto('/saved');
  const resolved = await page.evaluate((hrefs) => hrefs.map((href) => {
    try { return new URL(href, location.href).origin === location.origin ? 'here' : 'away'; } catch { return 'invalid'; }
  }), HREFS.map((r) => r.href));
  const wrong = HREFS.flatMap((r, i) => {
    const want = r.want === 'site' ? 'here' : r.want === 'elsewhere' || r.leaves ? 'away' : undefined;
    return want && resolved[i] !== want ? [`${JSON.stringify(r.href)}: ${resolved[i]}, the table says ${want}`] : [];
  });
  expect(wrong).toEqual([]);
});

test('refused addresses never become links: the story is refused and the error names every field', async ({ page, baseURL, request }) => {
  const base: Json = await (await request.get(`/articles/${SEED}.json`)).json();
  const refused = HREFS.filter((r) => r.want === 'refused').map((r) => r.href);
  const story: Json = structuredClone(base);
  story.body = refused.map((href, i) => ({ type: 'paragraph', id: `u${i}`, content: [{ text: `link ${i}`, href }] }));
  story.related = [{ label: 'Related', items: refused.map((href, i) => ({ title: `related ${i}`, href })) }];
  story.authors = [{ name: 'A', url: refused[0] }];
  story.leadImage = { ...base.leadImage, src: refused[1] };
  await page.route(`**/articles/${SEED}.json`, (route) => route.fulfill({ json: story }));
  const { report } = await watch(page, baseURL!);
  // Followed inside the app: opened by address, a story whose file is refused keeps showing
  // its (valid, build-time) pre-rendered copy instead of the error.
  await page.goto('/');
  await page.locator(`a[href="/article/${SEED}"]`).first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await alert.locator('summary').click();
  const details = (await alert.locator('.error-details').textContent()) ?? '';
  // Every refused address not named, listed at once.
  const accepted = refused.flatMap((href, i) => [`body[${i}].content[0].href`, `related[0].items[${i}].href`]
    .filter((field) => !details.includes(field))
    .map((field) => `${field} = ${JSON.stringify(href)} was accepted`));
  expect.soft(accepted).toEqual([]); // soft: the checks below still run
  expect(details).toContain('authors[0].url');
  expect(details).toContain('leadImage.src');
  // The refused addresses are shown as text in the details, never as links.
  const asLinks = await page.evaluate((hrefs) =>
    [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => hrefs.includes(h!)), refused);
  expect(asLinks).toEqual([]);
  expect(await report()).toEqual(CLEAN);
});

test('allowed addresses are links with the address as given, to this site or visibly elsewhere, nothing runs', async ({ page, baseURL, request }) => {
  const base: Json = await (await request.get(`/articles/${SEED}.json`)).json();
  const allowed = HREFS.filter((r) => r.want !== 'refused');
  const story: Json = structuredClone(base);
  story.body = [...base.body, ...allowed.map(({ href }, i) => ({ type: 'paragraph', id: `a${i}`, content: [{ text: `link ${i}`, href }] }))];
  await page.route(`**/articles/${SEED}.json`, (route) => route.fulfill({ json: story }));
  const { report } = await watch(page, baseURL!);
  await page.goto(`/article/${SEED}`);
  for (const [i, { href, want }] of allowed.entries()) {
    const link = page.locator(`#a${i} a`);
    await expect(link, JSON.stringify(href)).toHaveAttribute('href', href);
    const [protocol, origin, here] = await link.evaluate((a: HTMLAnchorElement) => [a.protocol, a.origin, location.origin]);
    expect(['http:', 'https:'], JSON.stringify(href)).toContain(protocol);
    expect(origin === here ? 'site' : 'elsewhere', JSON.stringify(href)).toBe(want);
  }
  expect(await report()).toEqual(CLEAN);
});

test('a feed with an unsafe thumbnail address is refused, and nothing runs', async ({ page, baseURL, request }) => {
  const feed: Json = await (await request.get('/feed.json')).json();
  feed.items[0]._lede.thumbnail.src = 'javascript:__xss.push("thumb")';
  await page.route('**/feed.json', (route) => route.fulfill({ json: feed }));
  const { report } = await watch(page, baseURL!);
  // Inside the app (opened by address, the refused feed leaves the pre-rendered front page).
  await page.goto('/saved');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Front page' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await alert.locator('summary').click();
  await expect(alert.locator('.error-details')).toContainText('items[0]._lede.thumbnail.src');
  expect(await report()).toEqual(CLEAN);
});

test('images from another origin are never requested (the policy blocks them)', async ({ page, baseURL, request }) => {
  const base: Json = await (await request.get(`/articles/${SEED}.json`)).json();
  const story: Json = structuredClone(base);
  story.leadImage = { ...base.leadImage, src: 'https://evil.example/lead.png', sizes: [{ src: 'https://evil.example/lead-2x.png', width: 2400 }] };
  story.body = [...base.body, { type: 'image', id: 'evil-img', image: { ...base.leadImage, src: 'http://evil.example/body.png' } }];
  const feed: Json = await (await request.get('/feed.json')).json();
  for (const item of feed.items) if (item._lede?.thumbnail) item._lede.thumbnail.src = 'https://evil.example/thumb.png';
  await page.route(`**/articles/${SEED}.json`, (route) => route.fulfill({ json: story }));
  await page.route('**/feed.json', (route) => route.fulfill({ json: feed }));
  const { report } = await watch(page, baseURL!);
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(base.headline);
  const evil = page.locator('#evil-img img');
  await evil.scrollIntoViewIfNeeded();
  // Refused by the policy, the image fails: then its violation is reported.
  await expect.poll(() => evil.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
  const onStory = await report();
  await page.goto('/');
  await expect(page.locator('.story-card')).toHaveCount(feed.items.length);
  const thumbs = page.locator('img.story-thumb');
  await expect.poll(() => thumbs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete))).toBe(true);
  const r = await report();
  // The story's own images were refused too, before the reader left it.
  expect(onStory.csp.filter((v) => /evil\.example\/(lead|body)/.test(v)).length).toBeGreaterThan(0);
  // Nothing left the origin; nothing ran. The reader's UI still renders the <img> (validation
  // accepts https images), so the browser reports each blocked load as an img-src violation.
  expect(r.foreign).toEqual([]);
  expect(r.executed).toEqual([]);
  expect(r.dialogs).toEqual([]);
  const unexpected = r.csp.filter((v) => !/^img-src https?:\/\/evil\.example\//.test(v));
  expect(unexpected).toEqual([]);
  expect(r.csp.length).toBeGreaterThan(0);
  expect(r.blockedElsewhere).toBeGreaterThan(0);
  // The console carries the same reports; only img-src ones.
  expect(r.consoleCsp.filter((m) => !/img-src/.test(m))).toEqual([]);
  const widths = await page.locator('img.story-thumb').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  expect(widths.length).toBeGreaterThan(0);
  expect(widths.every((w) => w === 0)).toBe(true);
});
