// Faults: server errors, resets, hangs, slow networks, damaged and hostile documents, the network
// going away mid-navigation. Each ends in a readable state with a way to retry, and nothing the
// reader keeps (settings, saved stories) is lost. Route interception needs the service worker
// blocked (it does not see the worker's requests).
import type { Page } from '@playwright/test';
import { test, expect, gotoWithoutTakeover } from './fixtures';

test.use({ serviceWorkers: 'block' });

const SLUG = 'armenia-and-azerbaijan';
const STORY = `/article/${SLUG}`;
const JSON_URL = `**/articles/${SLUG}.json`;
const HEADLINE = /Armenia and Azerbaijan: the decades-old fight/;

/** A setting and a saved story, to check afterwards that no fault touched them. */
async function keepSomething(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('lede.settings.v1', 'theme=sepia'));
  await page.getByRole('button', { name: /Save for offline: UN Rights Chief/ }).click();
  await expect(page.getByRole('button', { name: /Save for offline: UN Rights Chief/ })).toHaveAttribute('aria-pressed', 'true');
}

async function stillKept(page: Page) {
  expect(await page.evaluate(() => localStorage.getItem('lede.settings.v1'))).toBe('theme=sepia');
  await page.goto('/saved');
  await expect(page.locator('.saved-item')).toHaveCount(1);
}

/** Opens the story by following a link inside the app (so no pre-rendered page stands in). */
async function openFromFrontPage(page: Page) {
  await page.goto('/');
  await page.getByRole('link', { name: HEADLINE }).click();
}

test('a server error, then a retry that works', async ({ page }) => {
  await keepSomething(page);
  let fail = true;
  await page.route(JSON_URL, (route) => (fail ? route.fulfill({ status: 500, body: 'oops' }) : route.continue()));
  await openFromFrontPage(page);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('Something went wrong');
  await expect(alert).toContainText('error 500');
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await stillKept(page);
});

test('a reset connection says so and retries', async ({ page }) => {
  let fail = true;
  await page.route(JSON_URL, (route) => (fail ? route.abort('connectionreset') : route.continue()));
  await openFromFrontPage(page);
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Could not connect');
  fail = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
});

test('a story whose file hangs stays readable from its pre-rendered page', async ({ page }) => {
  await page.route(JSON_URL, () => { /* never answers */ });
  // The app waits for the story for ever, and never takes the page over.
  await gotoWithoutTakeover(page, STORY);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(page.locator('#prerendered .story-body > p').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/fault-hanging-json.png' });
});

test('on a slow 3G connection the story arrives, readable before the app', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // Chrome DevTools' "Slow 3G": 400 ms latency, ~50 KB/s down.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 });
  // The takeover comes, but late: this test waits for it itself.
  await gotoWithoutTakeover(page, STORY, { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE, { timeout: 20_000 });
  await expect(page.locator('#app article.story')).toBeVisible({ timeout: 60_000 });
});

const damaged: [string, (json: string) => string | Buffer, RegExp][] = [
  ['truncated JSON', (json) => json.slice(0, Math.floor(json.length / 2)), /not valid JSON/],
  // The reader's wasm reports type errors by line and column (the field path costs ~15 KB).
  ['a wrongly typed field', (json) => json.replace('"version": 1', '"version": "one"'), /invalid type: string "one".*line 2/],
  ['an empty file', () => '', /empty/],
  ['bytes that are not UTF-8', (json) => Buffer.concat([Buffer.from(json.slice(0, 40)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(json.slice(40))]), /UTF-8/],
  ['deep nesting', () => '['.repeat(100_000), /JSON object|not valid JSON|nest/],
  ['a 10 MB document', (json) => json.replace('"headline"', `"padding": "${'x'.repeat(10 * 1024 * 1024)}", "headline"`), /too large/],
  ['100,000 paragraphs', (json) => {
    const doc = JSON.parse(json);
    doc.body = Array.from({ length: 100_000 }, (_, i) => ({ type: 'paragraph', id: `q${i}`, content: [{ text: 'x' }] }));
    return JSON.stringify(doc);
  }, /block|too large|10,000|10000/],
];

for (const [what, damage, message] of damaged) {
  test(`a story file with ${what} gets a clear error naming it, and nothing kept is lost`, async ({ page }) => {
    const original = await (await page.request.get(`/articles/${SLUG}.json`)).text();
    await keepSomething(page);
    await page.route(JSON_URL, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: damage(original) }));
    await openFromFrontPage(page);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText('This file is damaged');
    await alert.getByText('Details for the publisher').click();
    await expect(alert.locator('.error-details')).toContainText(message);
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await stillKept(page);
  });
}

test('a damaged feed: the pre-rendered front page stays readable; inside the app, a clear error and a retry', async ({ page }) => {
  const body = '{"version": "https://jsonfeed.org/version/1.1", "title": "Lede", "items": [';
  await page.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await gotoWithoutTakeover(page, '/');
  // The app could not read the feed, so the pre-rendered list it would replace stays.
  await expect(page.locator('#prerendered .story-card')).toHaveCount(5);
  await page.goto('/saved');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Front page' }).click();
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('This file is damaged');
  await page.unroute('**/feed.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.story-card')).toHaveCount(5);
});

test('the network going away in the middle of a navigation ends in the offline page, then recovers', async ({ page, context }) => {
  await keepSomething(page);
  await page.goto('/');
  await context.setOffline(true);
  await page.getByRole('link', { name: HEADLINE }).click();
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Not available offline');
  await expect(page.getByRole('region', { name: 'Saved on this device' })).toContainText('UN Rights Chief');
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await stillKept(page);
});
