// Pictures that fit the screen: a story's photograph (public/images/caucasus-ridges.jpg, 2400 ×
// 1600, the lead image of the Russian sample) comes as a <picture> of renditions the build made
// (lede-site renditions), and the browser downloads the one its screen needs, online, offline
// once saved, and without JavaScript.
import { test, expect, gotoWithoutTakeover, pixelSize, shownPicture, underWorker } from './fixtures';
import type { Page } from '@playwright/test';

const STORY = '/article/armenia-azerbaijan-moscow-talks-ru';
const PHOTO = { src: '/images/caucasus-ridges.jpg', width: 2400, height: 1600 };

/** What the page should offer, written out by hand from docs/article-format.md: every width of
 *  480, 800, 1200, 1600 and 2400 below the photograph's own, and its own, in WebP; the same
 *  narrower ones in JPEG, with the photograph itself as the widest. */
const WEBP = [480, 800, 1200, 1600, 2400].map((w) => `/images/caucasus-ridges-${w}w.webp ${w}w`).join(', ');
const JPEG = [
  ...[480, 800, 1200, 1600].map((w) => `/images/caucasus-ridges-${w}w.jpg ${w}w`),
  `${PHOTO.src} ${PHOTO.width}w`,
].join(', ');

const lead = (page: Page) => page.locator('figure.figure-lead');
const shown = (page: Page) => shownPicture(lead(page).locator('img'));
const heightAt = (width: number) => Math.round((width * PHOTO.height) / PHOTO.width);

test('the lead photograph is a <picture> of WebP renditions with a JPEG fallback, loaded first', async ({ page }) => {
  await page.goto(STORY);
  const source = lead(page).locator('picture > source');
  await expect(source).toHaveAttribute('type', 'image/webp');
  await expect(source).toHaveAttribute('srcset', WEBP);
  await expect(source).toHaveAttribute('sizes', '(min-width: 48rem) 46rem, 100vw');
  const img = lead(page).locator('picture > img');
  await expect(img).toHaveAttribute('src', PHOTO.src);
  await expect(img).toHaveAttribute('srcset', JPEG);
  await expect(img).toHaveAttribute('width', String(PHOTO.width));
  await expect(img).toHaveAttribute('height', String(PHOTO.height));
  await expect(img).toHaveAttribute('loading', 'eager');
  await expect(img).toHaveAttribute('fetchpriority', 'high');
  // A drawing has no renditions (an SVG scales by itself): no <source>, no srcset.
  await page.goto('/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh');
  await expect(lead(page).locator('picture > img')).toHaveAttribute('src', /\.svg$/);
  await expect(lead(page).locator('source')).toHaveCount(0);
  await expect(lead(page).locator('img')).not.toHaveAttribute('srcset', /./);
});

test('every rendition the page names is served, decodes, and is as wide as it says', async ({ page }) => {
  await page.goto(STORY);
  const candidates = [...WEBP.split(', '), ...JPEG.split(', ')].map((c) => c.split(' '));
  expect(candidates).toHaveLength(10);
  for (const [url, descriptor] of candidates) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()['content-type'], url).toBe(url.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
    const size = await page.evaluate(async (url) => {
      const picture = new Image();
      picture.src = url;
      await picture.decode();
      return [picture.naturalWidth, picture.naturalHeight];
    }, url);
    const width = Number(descriptor.replace('w', ''));
    // Heights keep the photograph's 3:2, rounded to the nearest pixel.
    expect(size, url).toEqual([width, Math.round((width * PHOTO.height) / PHOTO.width)]);
  }
});

// The candidate the browser should pick: the slot is the whole width on a phone and 46rem (736
// CSS pixels) from 48rem up; the narrowest rendition at least slot × device pixel ratio wide.
for (const { name, viewport, scale, want } of [
  { name: 'a phone at 1×', viewport: { width: 390, height: 844 }, scale: 1, want: 480 },
  { name: 'a phone at 2×', viewport: { width: 390, height: 844 }, scale: 2, want: 800 },
  { name: 'a laptop at 1×', viewport: { width: 1280, height: 800 }, scale: 1, want: 800 },
]) {
  test.describe(name, () => {
    test.use({ viewport, deviceScaleFactor: scale });
    test(`downloads the ${want}-pixel WebP, not the ${PHOTO.width}-pixel original`, async ({ page }) => {
      const fetched: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/images/caucasus-ridges')) fetched.push(new URL(r.url()).pathname);
      });
      await page.goto(STORY);
      await expect.poll(() => shown(page)).toBe(`/images/caucasus-ridges-${want}w.webp`);
      // One file, and only the one the screen needs (the check below fetches it again itself).
      expect(fetched).toEqual([`/images/caucasus-ridges-${want}w.webp`]);
      expect(await pixelSize(page, `/images/caucasus-ridges-${want}w.webp`)).toEqual([want, heightAt(want)]);
    });
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  test('the pre-rendered page picks the same rendition', async ({ page }) => {
    await gotoWithoutTakeover(page, STORY);
    await expect.poll(() => shown(page)).toBe('/images/caucasus-ridges-480w.webp');
  });
});

test.describe('saved for offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('a saved story shows its photograph offline at another width than it was read at', async ({ page, context }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await underWorker(page);
    await page.goto(STORY);
    await expect.poll(() => shown(page)).toBe('/images/caucasus-ridges-480w.webp');
    await page.getByRole('button', { name: /Сохранить|Save/ }).first().click();
    await expect.poll(() =>
      page.evaluate(async () => {
        const saved = await caches.open('lede-saved');
        return (await saved.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/images/')).sort();
      }),
    ).toEqual([480, 800, 1200, 1600, 2400].map((w) => `/images/caucasus-ridges-${w}w.webp`).sort());

    await context.setOffline(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect.poll(() => shown(page)).toBe('/images/caucasus-ridges-800w.webp');
    expect(await pixelSize(page, '/images/caucasus-ridges-800w.webp')).toEqual([800, heightAt(800)]);
    await page.screenshot({ path: 'test-results/screenshots/photo-offline-wide.png' });
    await context.setOffline(false);
  });
});

test.describe('read once, not saved', () => {
  test.use({ serviceWorkers: 'allow' });
  test('offline on a wider screen, the width kept from reading stands in for the one asked for', async ({ page, context }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await underWorker(page);
    await page.goto(STORY);
    await expect.poll(() => shown(page)).toBe('/images/caucasus-ridges-480w.webp');
    // The worker kept the 480-pixel rendition only.
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname))))
            .flat()
            .filter((p) => p.startsWith('/images/caucasus-ridges')),
        ),
      )
      .toEqual(['/images/caucasus-ridges-480w.webp']);

    await context.setOffline(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    // The page asks for the 800-pixel WebP; the worker answers with the 480-pixel one it has.
    await expect.poll(() => shown(page)).toBe('/images/caucasus-ridges-800w.webp');
    expect(await pixelSize(page, '/images/caucasus-ridges-800w.webp')).toEqual([480, heightAt(480)]);
    await context.setOffline(false);
  });
});

test.describe('the front page on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("a story card's picture is a rendition too, never the full-size original", async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/images/caucasus-ridges')) fetched.push(new URL(r.url()).pathname);
    });
    await page.goto('/');
    const card = page.locator('.story-card', { has: page.locator(`a[href="${STORY}"]`) });
    const thumb = card.locator('picture > img.story-thumb');
    await expect(card.locator('picture > source')).toHaveAttribute('srcset', WEBP);
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => shownPicture(thumb)).toBe('/images/caucasus-ridges-480w.webp');
    expect(fetched).not.toContain(PHOTO.src);
    await page.screenshot({ path: 'test-results/screenshots/front-phone-photo-card.png', fullPage: true });
  });
});
