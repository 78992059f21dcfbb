// Pre-rendered pages: what crawlers, chat-app previews and readers without JavaScript get at a
// story's address, and the app taking that page over without anything moving.
import type { Page, Browser } from '@playwright/test';
import { test, expect } from './fixtures';

const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_HEADLINE = "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh";
const SITE = 'http://127.0.0.1:8080'; // the build's LEDE_SITE_URL (its default)

type Story = { slug: string; headline: string; body: { type: string; id: string }[]; leadImage?: { src: string } };

async function story(page: Page, slug: string): Promise<Story> {
  return (await page.request.get(`/articles/${slug}.json`)).json();
}

test('with JavaScript off, a story reads in full: text, caption, related links', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const seed = await story(page, SEED);
  await page.goto(`/article/${SEED}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
  const paragraphs = seed.body.filter((b) => b.type === 'paragraph').length;
  expect(paragraphs).toBeGreaterThan(5);
  await expect(page.locator('.story-body > p')).toHaveCount(paragraphs);
  await expect(page.locator('#p1')).toContainText('Michelle Bachelet called for');
  await expect(page.locator('figure.figure-lead figcaption')).toContainText('Barda');
  const related = page.getByRole('complementary', { name: /Related/ });
  await expect(related.getByRole('link', { name: /Armenia and Azerbaijan/ })).toHaveAttribute('href', '/article/armenia-and-azerbaijan');
  // Controls that need the app are not offered.
  await expect(page.getByRole('button', { name: 'Share' })).toBeHidden();
  await expect(page.getByText('Finding the people')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/story-no-js.png', fullPage: true });

  // The related link is a real page too, and so is the front page.
  await related.getByRole('link', { name: /Armenia and Azerbaijan/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia and Azerbaijan');
  await page.goto('/');
  await expect(page.locator('.story-card')).toHaveCount(5);
  await expect(page.getByRole('link', { name: SEED_HEADLINE })).toBeVisible();
  await context.close();
});

function metaContent(html: string, attr: 'property' | 'name', key: string): string | undefined {
  const m = html.match(new RegExp(`<meta ${attr}="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)">`));
  return m?.[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

test('the raw HTML of every story carries its preview tags and valid NewsArticle JSON-LD', async ({ request }) => {
  const feed = await (await request.get('/feed.json')).json();
  const slugs: string[] = feed.items.map((i: { _lede: { slug: string } }) => i._lede.slug);
  expect(slugs.length).toBe(5);
  for (const slug of slugs) {
    const response = await request.get(`/article/${slug}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    const html = await response.text();
    const article: Story = await (await request.get(`/articles/${slug}.json`)).json();
    const canonical = `${SITE}/article/${slug}`;
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(metaContent(html, 'property', 'og:type')).toBe('article');
    expect(metaContent(html, 'property', 'og:title')).toBe(article.headline);
    expect(metaContent(html, 'property', 'og:url')).toBe(canonical);
    expect(metaContent(html, 'property', 'og:description')?.length).toBeGreaterThan(20);
    // Every story previews with its raster share card (tests/e2e/unfurl.spec.ts checks the files).
    expect(metaContent(html, 'property', 'og:image')).toMatch(new RegExp(`^${SITE}/cards/${slug}-[0-9a-f]{10}-1200x630\\.(png|jpg)$`));
    expect(metaContent(html, 'name', 'twitter:card')).toBe('summary_large_image');
    expect(html).toContain(`<title>${article.headline.replace(/&/g, '&amp;').replace(/</g, '&lt;')} — Lede</title>`);

    const blocks = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)];
    expect(blocks.length).toBe(1);
    const ld = JSON.parse(blocks[0][1]);
    // What schema.org's NewsArticle (and search engines' article guidelines) ask for.
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(article.headline);
    expect(ld.url).toBe(canonical);
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': canonical });
    for (const date of [ld.datePublished, ld.dateModified]) expect(Number.isNaN(Date.parse(date))).toBe(false);
    expect(ld.publisher['@type']).toBe('Organization');
    expect(ld.publisher.name.length).toBeGreaterThan(0);
    for (const author of ld.author ?? []) expect(author['@type']).toBe('Person');
    for (const image of ld.image ?? []) {
      expect(image['@type']).toBe('ImageObject');
      expect(image.url).toMatch(/^https?:\/\//);
      expect(image.width).toBeGreaterThan(0);
    }
    for (const thing of ld.mentions ?? []) expect(['Person', 'Place', 'Organization', 'Thing']).toContain(thing['@type']);
    expect(ld.inLanguage).toMatch(/^[a-z]{2}/);
    expect(ld.wordCount).toBeGreaterThan(50);
    // The story's own text is in the page, not only in the JSON.
    expect(html).toContain('<div id="prerendered">');
    expect(html).toContain(`id="${article.body[article.body.length - 1].id}"`);
  }
  const seed = await (await request.get(`/article/${SEED}`)).text();
  expect(seed).toContain('Michelle Bachelet called for an “urgent cease-fire”');
  expect(seed).toContain('Peace efforts in the Nagorno-Karabakh conflict, mediated by the Minsk Group');
});

/** Pixels that differ between two PNG screenshots, counted in a blank page's canvas. */
async function differingPixels(browser: Browser, a: Buffer, b: Buffer): Promise<number> {
  const page = await browser.newPage();
  const n = await page.evaluate(async ([a, b]) => {
    const pixels = async (src: string) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
    if (pa.length !== pb.length) return -1;
    let count = 0;
    for (let i = 0; i < pa.length; i += 4) {
      if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) count++;
    }
    return count;
  }, [`data:image/png;base64,${a.toString('base64')}`, `data:image/png;base64,${b.toString('base64')}`]);
  await page.close();
  return n;
}

// Every picture on the page loaded and decoded, below the fold too, so that a full-page screenshot
// shows each one painted: `complete` can be true before a picture is drawn, and a lazy one below
// the fold may wait (a screenshot once caught the front page's last card blank after the takeover).
const everyPictureDecoded = () =>
  Promise.all(
    [...document.images].map((img) => {
      img.loading = 'eager';
      return img.decode().catch(() => undefined);
    }),
  );

// The front page lists Arabic and Russian stories, whose dates the app rewrites with the browser's
// Intl in their language (the build writes them in English): there, the dates are left out of
// the comparison. The English story is compared whole.
for (const [name, path, style] of [
  ['a story', `/article/${SEED}`, ''],
  ['the front page', '/', 'hide-dates'],
]) {
  test(`the app takes over ${name} without a jump: no layout shift, the same picture`, async ({ browser }) => {
    const viewport = { width: 1280, height: 900 };
    // Before: the pre-rendered page as it shows until the app starts (the app held back).
    const before = await browser.newContext({ viewport });
    const still = await before.newPage();
    await still.route('**/*.wasm', (route) => route.abort());
    await still.goto(path);
    await expect(still.locator('#prerendered')).toBeVisible();
    await still.evaluate(() => document.fonts.ready);
    await still.evaluate(everyPictureDecoded);
    const slug = name.replace(/ /g, '-');
    // Through the CSSOM: the Content-Security-Policy refuses an injected <style>.
    if (style) await still.evaluate(() => document.querySelectorAll('time').forEach((t) => { (t as HTMLElement).style.visibility = 'hidden'; }));
    const beforeShot = await still.screenshot({ fullPage: true, path: `test-results/screenshots/takeover-${slug}-before.png` });
    await before.close();

    // After: the app has loaded the story and taken the page over. Entities are held back, so
    // the comparison is of the page the app takes over with, not of highlights added later.
    const after = await browser.newContext({ viewport });
    const page = await after.newPage();
    await page.route('**/models/**', (route) => route.abort());
    await page.addInitScript(() => {
      (window as any).__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) {
          (window as any).__shifts.push({ value: entry.value, sources: entry.sources.map((s: any) => `${s.node?.nodeName}.${s.node?.className} ${s.previousRect.y}→${s.currentRect.y}`) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path);
    await expect(page.locator('#app')).toBeAttached();
    await expect(page.locator('#prerendered')).toHaveCount(0);
    // Every id is in the document once: the app never showed beside the pre-rendered copy.
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicates).toEqual([]);
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(everyPictureDecoded);
    if (style) await page.evaluate(() => document.querySelectorAll('time').forEach((t) => { (t as HTMLElement).style.visibility = 'hidden'; }));
    const afterShot = await page.screenshot({ fullPage: true, path: `test-results/screenshots/takeover-${slug}-after.png` });
    const shifts: number[] = await page.evaluate(() => (window as any).__shifts);
    expect(shifts, JSON.stringify(shifts)).toEqual([]);
    await after.close();

    expect(await differingPixels(browser, beforeShot, afterShot)).toBe(0);
  });
}

test('a link into the pre-rendered page works before and after the app takes over', async ({ page }) => {
  await page.goto(`/article/${SEED}#p10`);
  await expect(page.locator('#p10')).toBeInViewport();
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await expect(page.locator('#p10')).toBeInViewport();
});

test('an unknown story is a real 404 that still shows the reader its not-found page', async ({ page, request }) => {
  const response = await request.get('/article/no-such-story');
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain('id="prerendered"');
  const navigation = await page.goto('/article/no-such-story');
  expect(navigation!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
});
