// What the device keeps: the stories cache is bounded (oldest out first, never a saved story),
// the Saved page says how much it holds, a saved story is checked for updates however old it is,
// and a picture a story uses twice is saved once.
import { test, expect, serveEditedJson, underWorker } from './fixtures';

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_JSON = '/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json';
// The bound, as the issue that set it states it (lede_core::caches::STORIES_LIMIT must agree).
const LIMIT = 200;

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('the stories cache keeps the newest files up to its bound and never touches saved stories', async ({ page }) => {
    await page.goto('/');
    await underWorker(page);
    // A saved story, then a cache already full of older reading.
    await page.goto(SEED);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toHaveAttribute('aria-pressed', 'true');
    await page.evaluate(async (limit) => {
      const cache = await caches.open('lede-stories');
      for (const key of await cache.keys()) await cache.delete(key);
      for (let i = 0; i < limit + 5; i++) {
        await cache.put(`/articles/filler-${i}.json`, new Response(`{"n":${i}}`, { headers: { 'content-type': 'application/json' } }));
      }
    }, LIMIT);
    // Reading a story puts it in the cache; the worker then drops the oldest beyond the bound.
    await page.goto('/article/armenia-and-azerbaijan');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const keys = () => page.evaluate(async () =>
      (await (await caches.open('lede-stories')).keys()).map((r) => new URL(r.url).pathname));
    await expect.poll(async () => (await keys()).includes('/articles/armenia-and-azerbaijan.json')).toBe(true);
    await expect.poll(async () => (await keys()).length).toBe(LIMIT);
    const kept = await keys();
    expect(kept).not.toContain('/articles/filler-0.json');
    expect(kept).not.toContain('/articles/filler-5.json');
    expect(kept).toContain(`/articles/filler-${LIMIT + 4}.json`);
    // The saved copy is untouched.
    expect(await page.evaluate(async (url) => !!(await (await caches.open('lede-saved')).match(url)), SEED_JSON)).toBe(true);

    await page.goto('/saved');
    const figure = page.locator('.storage-kept');
    await expect(figure).toContainText(`kept from reading (not saved): ${LIMIT} files`);
    await expect(figure).toContainText(`latest ${LIMIT}`);
    await page.screenshot({ path: 'test-results/screenshots/saved-storage.png', fullPage: true });
  });
});

test.describe('saving (no worker, so routes see every request)', () => {
  test.use({ serviceWorkers: 'block' });

  test('a saved story that is on no early feed page is still checked for updates', async ({ page }) => {
    await page.goto(SEED);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toHaveAttribute('aria-pressed', 'true');
    // The archive has grown: the story is past the feed's first page, and has been corrected.
    await serveEditedJson(page, '/feed.json', (feed) => {
      const before = feed.items.length;
      feed.items = feed.items.filter((item: { url: string }) => !item.url.endsWith(SEED));
      expect(feed.items.length).toBe(before - 1);
    });
    await serveEditedJson(page, SEED_JSON, (story) => {
      story.dateModified = '2020-10-11T09:00:00Z';
    });
    await page.goto('/saved');
    await expect(page.locator('.saved-page[data-versions-checked="true"]')).toHaveCount(1);
    await expect(page.locator('.saved-item')).toContainText('Updated since you saved it');
  });

  test('a picture a story shows twice is fetched and counted once when saved', async ({ page }) => {
    const lead = '/images/barda-placeholder.svg';
    const other = '/images/south-caucasus-sketch.svg';
    const image = (src: string) => ({ src, width: 1200, height: 675, alt: 'A drawing used again further down.' });
    await serveEditedJson(page, SEED_JSON, (story) => {
      // The lead picture, another, then the lead picture again: repeats that are not adjacent.
      story.body.push({ type: 'image', id: 'again-1', image: image(other) }, { type: 'image', id: 'again-2', image: image(lead) });
    });
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'fetch') fetched.push(new URL(request.url()).pathname);
    });
    await page.goto(SEED);
    await expect(page.locator('#again-2 img')).toBeAttached();
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toHaveAttribute('aria-pressed', 'true');
    expect(fetched.filter((p) => p === other)).toHaveLength(1);
    expect(fetched.filter((p) => p === lead)).toHaveLength(1);
  });
});
