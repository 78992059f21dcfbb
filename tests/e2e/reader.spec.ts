// The reader as a person uses it: front page, a story, related links, deep links, and what
// happens when a story cannot be shown. Runs against the release build behind nginx.
import type { Page } from '@playwright/test';
import { test, expect, axe, gotoWithoutTakeover, serveEditedJson } from './fixtures';

const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_HEADLINE = "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh";
const EXPLAINER = 'armenia-and-azerbaijan';

/** Opens the seed story by following its link inside the app. Opened by address, a story whose
 *  file fails keeps showing its pre-rendered copy (readable, if not live); inside the app the
 *  reader sees the error itself. */
async function openSeedInApp(page: Page) {
  await page.goto('/');
  await page.getByRole('link', { name: SEED_HEADLINE }).click();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test('front page lists the stories with headline, summary, date and thumbnail', async ({ page }) => {
  await page.goto('/');
  const cards = page.locator('.story-card');
  await expect(cards).toHaveCount(5);
  await expect(page.getByRole('link', { name: SEED_HEADLINE })).toHaveAttribute('href', `/article/${SEED}`);
  await expect(page.getByRole('link', { name: /Armenia and Azerbaijan: the decades-old fight/ })).toBeVisible();
  for (const card of await cards.all()) {
    await expect(card.locator('.story-summary')).not.toBeEmpty();
    // The hand-made samples (October 2020) and the imported one (public/articles/imported-with-its-picture.json).
    await expect(card.locator('time')).toHaveAttribute('datetime', /^(2020-10-0[89]|2026-12-07)T/);
    for (const thumb of await card.locator('img.story-thumb').all()) {
      await expect(thumb).toHaveAttribute('width', /\d+/);
      await expect(thumb).toHaveAttribute('height', /\d+/);
    }
  }
  await expect(page).toHaveTitle('Front page — Lede');
  await shot(page, 'front');
});

test('a story shows headline, byline, dates, figure with caption and credit, body and related panel', async ({ page }) => {
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
  await expect(page).toHaveTitle(`${SEED_HEADLINE} — Lede`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Michelle Bachelet called for an “urgent cease-fire”/);
  await expect(page.locator('.byline')).toHaveText('By VOA News');
  await expect(page.locator('.dateline')).toHaveText('Geneva');
  const published = page.locator('.published time');
  await expect(published).toHaveAttribute('datetime', '2020-10-09T12:00:00Z');
  await expect(published).toHaveText('October 9, 2020 at 12:00 PM UTC');

  const figure = page.locator('figure.figure-lead');
  await expect(figure.locator('img')).toHaveAttribute('alt', /Residents search for their belongings/);
  await expect(figure.locator('img')).toHaveAttribute('width', '1200');
  await expect(figure.locator('figcaption .caption')).toContainText('in the town of Barda, Azerbaijan, Oct. 8, 2020.');
  await expect(figure.locator('figcaption .credit')).toContainText('Illustration: Lede');

  await expect(page.locator('.story-body > p')).toHaveCount(11);
  await expect(page.locator('#p7')).toContainText('The Kremlin said in a statement late Thursday');
  await expect(page.locator('figure.quote blockquote')).toContainText('It is deeply worrying');
  await expect(page.locator('figure.quote figcaption')).toHaveText('Michelle Bachelet, U.N. High Commissioner for Human Rights');

  const related = page.getByRole('complementary', { name: 'Related: Armenia and Azerbaijan' });
  await expect(related).toBeVisible();
  // The panel sits where the publisher put it: after the sixth paragraph.
  await expect(page.locator('#p6 + aside.related')).toHaveCount(1);
  await expect(page.locator('.breaking')).toHaveCount(0); // the story stopped being breaking in 2020
  await shot(page, 'story');
});

test('the breaking banner shows while the story is fresh and is announced politely', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2020-10-09T13:00:00Z'));
  await page.goto(`/article/${SEED}`);
  const banner = page.getByRole('status').filter({ hasText: 'Breaking News' });
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('aria-live', 'polite');
  await shot(page, 'story-breaking');
});

test('following the related link opens the explainer, and its link leads back', async ({ page }) => {
  await page.goto(`/article/${SEED}`);
  await page.getByRole('complementary', { name: 'Related: Armenia and Azerbaijan' }).getByRole('link', { name: 'Armenia and Azerbaijan' }).click();
  await expect(page).toHaveURL(`/article/${EXPLAINER}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Armenia and Azerbaijan: the decades-old fight over Nagorno-Karabakh');
  await expect(page.locator('.standfirst')).toContainText('A mountain enclave inside Azerbaijan');
  await expect(page.locator('.updated time')).toHaveAttribute('datetime', '2020-10-10T09:30:00Z');
  await expect(page.locator('.story-body em')).toHaveText('cease-fire');
  await expect(page.locator('.story-body strong')).toHaveText('France, Russia and the United States');
  await expect(page.locator('h2#minsk-group')).toHaveText('Three mediators, no settlement');
  const img = page.locator('figure.figure-lead img');
  await expect(img).toHaveAttribute('srcset', '/images/south-caucasus-sketch-640.png 640w, /images/south-caucasus-sketch-1200.png 1200w');
  await shot(page, 'explainer');
  await page.locator('#p6 a').click();
  await expect(page).toHaveURL(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
});

test('a deep link to a story and to a paragraph reloads into the same page', async ({ page }) => {
  await page.goto(`/article/${EXPLAINER}#minsk-group`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia and Azerbaijan');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia and Azerbaijan');
  await expect(page.locator('#minsk-group')).toBeVisible();
});

test('a link to a paragraph lands on it once the story has loaded', async ({ page }) => {
  await page.goto(`/article/${SEED}#p10`);
  await expect(page.locator('#p10')).toBeInViewport();
  await expect(page.locator('#p1')).not.toBeInViewport();
});

test('an unknown story shows a not-found page, and its JSON is a real 404', async ({ page, request }) => {
  await page.goto('/article/no-such-story');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
  await expect(page).toHaveTitle('Page not found — Lede');
  expect((await request.get('/articles/no-such-story.json')).status()).toBe(404);
  await shot(page, 'not-found');
  await page.goto('/no/such/route');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
  // A slug that could never be valid is not fetched at all.
  await page.goto('/article/Not.A_Slug');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
});

test('a malformed story shows what is wrong and recovers on retry', async ({ page }) => {
  let broken = true;
  const whole = await (await page.request.get(`/articles/${SEED}.json`)).text();
  expect(whole.length, 'the story is longer than the cut').toBeGreaterThan(400);
  await page.route(`**/articles/${SEED}.json`, (route) =>
    broken ? route.fulfill({ contentType: 'application/json', body: whole.slice(0, 400) }) : route.fallback());
  await openSeedInApp(page);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('This file is damaged');
  await alert.locator('summary').click();
  await expect(alert.locator('.error-details li')).toContainText('not valid JSON');
  await shot(page, 'error-malformed');
  broken = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
});

test('a story that fails validation names the field', async ({ page }) => {
  await serveEditedJson(page, `/articles/${SEED}.json`, (json) => {
    json.body[2].content[0].href = 'javascript:alert(1)';
  });
  await openSeedInApp(page);
  await page.getByRole('alert').locator('summary').click();
  await expect(page.getByRole('alert').locator('.error-details li')).toContainText('body[2].content[0].href');
});

test('a server error or a missing file of a listed story offers a retry', async ({ page }) => {
  let status = 500;
  await page.route(`**/articles/${SEED}.json`, (route) =>
    status ? route.fulfill({ status, body: 'nope' }) : route.fallback());
  await openSeedInApp(page);
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Something went wrong');
  await expect(page.getByRole('alert')).toContainText('error 500');
  status = 404; // the feed lists this story, so a 404 is a missing file, not an unknown page
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toContainText('error 404');
  status = 0;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
});

test('the front page survives a broken feed', async ({ page }) => {
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": "https://jsonfeed.org/version/1.1", "items": 3}' }));
  await gotoWithoutTakeover(page, '/'); // the app cannot read the feed: it never takes over
  await expect(page.locator('#prerendered .story-card')).toHaveCount(5); // the pre-rendered list stays
  await page.goto('/saved');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Front page' }).click();
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('This file is damaged');
});

test('skip link and landmarks', async ({ page }) => {
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('contentinfo')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
});

test('the story does not shift when the lead image loads', async ({ page }) => {
  // Hold every image back until the page has been measured without it.
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let requested!: () => void;
  const imageRequested = new Promise<void>((resolve) => { requested = resolve; });
  await page.route('**/images/**', async (route) => {
    requested();
    await released;
    await route.fallback();
  });
  await page.addInitScript(() => {
    const w = window as any;
    w.__cls = 0;
    const add = (entries: any[]) => { for (const entry of entries) if (!entry.hadRecentInput) w.__cls += entry.value; };
    w.__clsObserver = new PerformanceObserver((list) => add(list.getEntries()));
    w.__clsObserver.observe({ type: 'layout-shift', buffered: true });
    w.__clsNow = () => { add(w.__clsObserver.takeRecords()); return w.__cls; };
  });
  // The load event waits for the image, and the takeover waits for it to decode: open the
  // pre-rendered page as soon as it arrives.
  await gotoWithoutTakeover(page, `/article/${SEED}`, { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await imageRequested;
  const img = page.locator('figure.figure-lead img');
  const held = await img.evaluate((i: HTMLImageElement) => ({ complete: i.complete, naturalWidth: i.naturalWidth }));
  expect(held, 'the image has not arrived yet').toEqual({ complete: false, naturalWidth: 0 });
  const box = await img.boundingBox();
  expect(box!.height).toBeGreaterThan(100); // space reserved before the image arrived
  const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
  const firstParagraph = await page.locator('#p1').boundingBox();

  release();
  // The app takes over once the image has decoded; then the image is there, in the same place.
  await expect(page.locator('#prerendered')).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  expect(await img.boundingBox()).toEqual(box);
  expect(await page.getByRole('heading', { level: 1 }).boundingBox()).toEqual(heading);
  expect(await page.locator('#p1').boundingBox()).toEqual(firstParagraph);
  // Two frames later any shift has been recorded; takeRecords reads what is not yet delivered.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await page.evaluate(() => (window as any).__clsNow())).toBeLessThan(0.01);
});

test('phone layout', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await shot(page, 'story-phone');
  await page.goto('/');
  await expect(page.locator('.story-card')).toHaveCount(5);
  await shot(page, 'front-phone');
});

test('nginx serves routes, real 404s, wasm MIME and cache headers', async ({ request }) => {
  const shell = await request.get(`/article/${SEED}`); // its pre-rendered page
  expect(shell.status()).toBe(200);
  expect(shell.headers()['cache-control']).toBe('no-cache');
  const html = await shell.text();
  // The page names its loader (the boot script), which names the wasm.
  const boot = html.match(/src="\/(boot-[0-9a-f]{16}\.js)"/);
  expect(boot).not.toBeNull();
  const wasm = (await (await request.get(`/${boot![1]}`)).text()).match(/\/(lede-[0-9a-f]{12,16}_bg\.wasm)/);
  expect(wasm).not.toBeNull();
  const asset = await request.get(`/${wasm![1]}`);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-type']).toBe('application/wasm');
  expect(asset.headers()['cache-control']).toContain('immutable');
  expect((await request.get('/articles/missing.json')).status()).toBe(404);
  expect((await request.get('/images/missing.png')).status()).toBe(404);
  expect([400, 404]).toContain((await request.get('/articles/..%2F..%2Fetc%2Fpasswd')).status());
  expect((await request.get('/article/some.thing')).status()).toBe(404); // no such story: a real 404
  const sw = await request.get('/sw.js');
  expect(sw.headers()['cache-control']).toBe('no-cache');
  expect(await sw.text()).toMatch(/const VERSION = '[0-9a-f]{16}'/);
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.headers()['content-type']).toBe('application/manifest+json');
  expect((await manifest.json()).icons.length).toBeGreaterThan(1);
  const feed = await request.get('/feed.json');
  expect(feed.status()).toBe(200);
  expect((await feed.json()).version).toBe('https://jsonfeed.org/version/1.1');
  const atom = await request.get('/feed.atom');
  expect(atom.headers()['content-type']).toBe('application/atom+xml');
  const atomText = await atom.text();
  expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(atomText.match(/<entry[ >]/g)?.length).toBe(5);
  expect(atomText).toContain(`http://127.0.0.1:8080/article/${SEED}`);
});

test('axe finds no violations on the front page, a story and the not-found page', async ({ page }) => {
  for (const path of ['/', `/article/${EXPLAINER}`, '/article/no-such-story']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await axe(page);
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
});

test('sharing: canonical link and Open Graph tags, share falls back to copying the link', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const canonical = `http://127.0.0.1:8080/article/${SEED}`;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', SEED_HEADLINE);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', canonical);
  // Headless Chromium has no share sheet: the link is copied instead, visibly.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.locator('.share-status')).toHaveText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
  const sitemap = await (await request.get('/sitemap.xml')).text();
  expect(sitemap).toContain(`<loc>${canonical}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: http://127.0.0.1:8080/sitemap.xml');
});

test('where the browser has a share sheet, Share opens it', async ({ page }) => {
  await page.addInitScript(() => {
    (navigator as any).share = (data: any) => { (window as any).__shared = data; return Promise.resolve(); };
  });
  await page.goto(`/article/${SEED}`);
  await page.getByRole('button', { name: 'Share' }).click();
  expect(await page.evaluate(() => (window as any).__shared)).toEqual({ title: SEED_HEADLINE, url: `http://127.0.0.1:8080/article/${SEED}` });
});

test('copy link to a paragraph puts its address on the clipboard, and that address lands on it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/article/${SEED}`);
  await expect(page.locator('#prerendered')).toHaveCount(0);
  const paragraph = page.locator('#p6');
  await paragraph.hover();
  const button = paragraph.getByRole('button', { name: 'Copy link to this paragraph' });
  await expect(button).toBeVisible();
  // The button draws its sign with CSS: until used it adds no text to the paragraph's.
  expect(await button.evaluate((b) => b.textContent)).toBe('');
  await button.click();
  await expect(button).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`http://127.0.0.1:8080/article/${SEED}#p6`);
  await page.goto(new URL(link).pathname + '#p6');
  await expect(page.locator('#p6')).toBeInViewport();
});
