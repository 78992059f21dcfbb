// Beyond one story: ranked related stories, topic pages, search as you type (also offline over
// the stories on the device) and the paged front page — all from the build's archive index.
import { test, expect, underWorker } from './fixtures';

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const RU = 'Армения и Азербайджан согласились на переговоры в Москве';

test('a story lists stories that share its entities after the publisher\'s own, naming what they share', async ({ page }) => {
  await page.goto(SEED);
  const declared = page.getByRole('complementary', { name: /Related/ });
  const more = page.getByRole('complementary', { name: 'More on this story' });
  await expect(declared.first()).toBeVisible();
  await expect(more).toBeVisible();
  // The publisher's panel comes first in the page.
  const order = await page.evaluate(() => {
    const asides = [...document.querySelectorAll('aside.related')];
    return asides.map((a) => a.classList.contains('related-ranked'));
  });
  expect(order[order.length - 1]).toBe(true);
  expect(order.slice(0, -1).every((ranked) => !ranked)).toBe(true);
  // The explainer is the declared related story, so it is not ranked again.
  await expect(more.getByRole('link', { name: /Armenia and Azerbaijan: the decades-old/ })).toHaveCount(0);
  const item = more.getByRole('listitem').filter({ hasText: RU });
  await expect(item).toContainText('Also about:');
  await expect(item.getByRole('link', { name: 'Michelle Bachelet' })).toHaveAttribute('href', '/topic/per-michelle-bachelet');
  await page.screenshot({ path: 'test-results/screenshots/more-on-this-story.png', fullPage: true });
});

test('a topic page lists every story that mentions the entity, newest first, with a line of context', async ({ page }) => {
  await page.goto('/topic/loc-nagorno-karabakh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nagorno-Karabakh');
  await expect(page).toHaveTitle('Nagorno-Karabakh — stories — Lede');
  const items = page.locator('.topic-list > li');
  await expect(items).toHaveCount(4);
  const dates = await items.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
  expect([...dates].sort().reverse()).toEqual(dates);
  await expect(items.filter({ hasText: 'UN Rights Chief' }).locator('.topic-context')).toContainText('Nagorno-Karabakh');
  await page.screenshot({ path: 'test-results/screenshots/topic.png', fullPage: true });
  await page.goto('/topic/per-nobody-at-all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that page');
});

test('the entity card links to the entity\'s topic page', async ({ page }) => {
  await page.goto(`${SEED}?entity=loc-nagorno-karabakh`);
  const link = page.getByRole('link', { name: 'All stories about Nagorno-Karabakh' });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page).toHaveURL(/\/topic\/loc-nagorno-karabakh$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nagorno-Karabakh');
});

test('search answers as you type: topics and stories, and the query stays in the address', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  const box = page.getByRole('searchbox', { name: /Search stories/ });
  await box.pressSequentially('bache');
  await expect(page.locator('.search-stories')).toContainText("UN Rights Chief Calls for 'Urgent Cease-Fire'");
  await expect(page).toHaveURL(/\/search\?q=bache$/);
  await box.fill('minsk');
  await expect(page.locator('.search-topics').getByRole('link', { name: 'OSCE Minsk Group' })).toHaveAttribute('href', '/topic/org-osce-minsk-group');
  await page.reload();
  await expect(page.getByRole('searchbox', { name: /Search stories/ })).toHaveValue('minsk');
  await box.fill('zzzqqq');
  await expect(page.getByText('Nothing found for “zzzqqq”.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/search.png', fullPage: true });
});

test('the front page is paged: one page of the feed at a time, newer and older links', async ({ page }) => {
  const feed = await (await page.request.get('/feed.json')).json();
  // A publisher with 45 stories: three pages of the feed (20, 20, 5), linked by next_url.
  const pageOf = (n: number, count: number) => ({
    ...feed,
    next_url: n < 3 ? `http://127.0.0.1:8080/feeds/${n + 1}.json` : undefined,
    _lede: { page: n, pages: 3 },
    items: Array.from({ length: count }, (_, i) => {
      const item = structuredClone(feed.items[i % feed.items.length]);
      item.id = `${item.id}-${n}-${i}`;
      item.title = `Story number ${(n - 1) * 20 + i + 1}`;
      return item;
    }),
  });
  const requested: string[] = [];
  await page.route('**/feed.json', (route) => route.fulfill({ json: pageOf(1, 20) }));
  await page.route('**/feeds/*.json', (route) => {
    const n = Number(route.request().url().match(/feeds\/(\d+)\.json/)![1]);
    requested.push(`feeds/${n}`);
    return route.fulfill({ json: pageOf(n, n === 3 ? 5 : 20) });
  });
  await page.goto('/?page=1');
  await expect(page.locator('#app .story-card')).toHaveCount(20);
  await expect(page.getByText('Page 1 of 3')).toBeVisible();
  await page.getByRole('link', { name: 'Older stories' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  await expect(page.locator('.story-card').first()).toContainText('Story number 21');
  await page.goto('/?page=3');
  await expect(page.locator('.story-card')).toHaveCount(5);
  await expect(page.getByRole('link', { name: 'Older stories' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Newer stories' }).click();
  await expect(page.getByText('Page 2 of 3')).toBeVisible();
  // Only the pages shown were fetched, never the whole archive.
  expect([...new Set(requested)].sort()).toEqual(['feeds/2', 'feeds/3']);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('search works offline over the index and the stories on this device', async ({ page, context }) => {
    await page.goto('/');
    await underWorker(page);
    await page.goto(SEED); // read once: kept on the device
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/search');
    await page.getByRole('searchbox', { name: /Search stories/ }).fill('bachelet');
    await expect(page.locator('.search-stories')).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    const box = page.getByRole('searchbox', { name: /Search stories/ });
    await box.fill('unconfirmed reports');
    const device = page.locator('.search-device');
    await expect(device).toContainText("UN Rights Chief Calls for 'Urgent Cease-Fire'");
    await expect(device.locator('.search-snippet')).toContainText('unconfirmed reports');
    await box.fill('bachelet');
    await expect(page.locator('.search-stories')).toContainText('UN Rights Chief');
    await context.setOffline(false);
  });
});
