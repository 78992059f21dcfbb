// An imported story looks like a hand-made one: its picture, brought home by lede-import to
// /images/<sha256>.jpg (public/articles/imported-with-its-picture.json, made from
// crates/lede-import/tests/sample), shows under the real Content-Security-Policy, online and
// offline once read, and nothing is asked of another site — not even the address the picture was
// copied from, which the story keeps as its `source`.
import { test, expect, cspSettled, CSP_SENTINEL, pixelSize, shownPicture, underWorker } from './fixtures';

test.use({ serviceWorkers: 'allow' });

const STORY = '/article/imported-with-its-picture';
const HEADLINE = "A publisher's page, imported with its picture";
/** The picture as drawn: crates/lede-import/tests/sample/img/harbour-drawing.svg is 1200 × 800. */
const PICTURE = { width: 1200, height: 800 };
/** The rendition a 1280-pixel window at 1× picks (a 736-pixel column: the 800-pixel WebP), and a
 *  390-pixel phone's (the 480-pixel one); heights keep 3:2. */
const WIDE = { width: 800, height: 533 };
const PHONE = { width: 480, height: 320 };

type Watched = { csp: string[] };

test('the imported story shows its picture under the real CSP, online and offline once read, and asks no other site', async ({ page, context, baseURL }) => {
  const site = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== site && url.hostname !== CSP_SENTINEL) elsewhere.push(r.url());
  });
  await page.addInitScript(() => {
    (window as unknown as Watched).csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as Watched).csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = () =>
    page.evaluate((sentinel) => (window as unknown as Watched).csp.filter((v) => !v.includes(sentinel)), CSP_SENTINEL);
  const picture = page.locator('figure.figure-lead img');
  const shown = () => shownPicture(picture);

  // The service worker first, so the story and its picture go through it.
  await page.goto('/');
  await underWorker(page);

  const response = await page.goto(STORY);
  const csp = response!.headers()['content-security-policy'];
  expect(csp.split(';').map((d) => d.trim())).toContain("img-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(picture).toHaveAttribute('src', /^\/images\/[0-9a-f]{32}\.jpg$/);
  // The build's WebP rendition of the stored picture, named after it.
  const src = (await picture.getAttribute('src'))!;
  const rendition = src.replace(/\.jpg$/, `-${WIDE.width}w.webp`);
  await expect.poll(shown).toBe(rendition);
  expect(await pixelSize(page, rendition)).toEqual([WIDE.width, WIDE.height]);
  await expect(picture).toHaveAttribute('alt', /^A drawing: a web page with a picture of a harbour/);
  await expect(page.locator('figure.figure-lead figcaption')).toContainText("its picture now stored on Lede's own site");
  await expect(page.locator('figure.figure-lead figcaption')).toContainText('Drawing: Lede');
  await cspSettled(page);
  expect(await violations()).toEqual([]);
  // Read once: the worker kept the picture it showed.
  await expect.poll(() => page.evaluate(async (url) => !!(await caches.match(url)), rendition)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await expect.poll(shown).toBe(rendition);
  expect(await pixelSize(page, rendition)).toEqual([WIDE.width, WIDE.height]);
  await cspSettled(page);
  expect(await violations()).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/imported-offline.png' });
  await context.setOffline(false);

  expect(elsewhere).toEqual([]);
});

test('on a phone in the dark scheme the imported story and its picture fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(STORY);
  const picture = page.locator('figure.figure-lead img');
  await expect.poll(() => shownPicture(picture)).toMatch(new RegExp(`-${PHONE.width}w\\.webp$`));
  expect(await pixelSize(page, (await shownPicture(picture))!)).toEqual([PHONE.width, PHONE.height]);
  const box = (await picture.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  // The space reserved is the picture's own shape (1200 × 800), so nothing moves when it arrives.
  expect(Math.abs(box.width / box.height - PICTURE.width / PICTURE.height)).toBeLessThan(0.02);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/imported-phone-dark.png' });
});
