// Offline reading: the service worker keeps the app shell, the stories read and the feed.
import { test, expect, takenOver, serveEditedJson, underWorker } from './fixtures';

test.use({ serviceWorkers: 'allow' });

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_HEADLINE = "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh";

test('the front page and a story read once stay readable offline; an unread one says so', async ({ page, context }) => {
  await page.goto('/');
  await underWorker(page);
  await expect(page.locator('.story-card')).toHaveCount(5);
  await page.goto(SEED);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
  await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_HEADLINE);
  await expect(page.locator('figure.figure-lead figcaption .caption')).toContainText('Barda');
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  // The recogniser's model was cached when first used: highlights work offline too.
  await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: 'test-results/screenshots/offline-story.png' });

  await page.goto('/');
  await expect(page.locator('.story-card')).toHaveCount(5);

  await page.goto('/article/armenia-azerbaijan-moscow-talks-ru');
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Not available offline');
  await page.screenshot({ path: 'test-results/screenshots/offline-unread.png' });
  await context.setOffline(false);
});

test('a story saved from the front page opens offline though never read; an unsaved one shows the saved list', async ({ page, context }) => {
  await page.goto('/');
  await underWorker(page);
  const save = page.getByRole('button', { name: /Save for offline: Armenia and Azerbaijan/ });
  await save.click();
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await expect(save).toHaveText(/Saved/);

  await context.setOffline(true);
  await page.goto('/article/armenia-and-azerbaijan');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Armenia and Azerbaijan: the decades-old fight');
  await expect(page.locator('figure.figure-lead img')).toHaveJSProperty('complete', true);
  expect(await page.locator('figure.figure-lead img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screenshots/offline-saved-story.png' });

  await page.goto('/article/armenia-azerbaijan-moscow-talks-ru');
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Not available offline');
  const list = page.getByRole('region', { name: 'Saved on this device' });
  await expect(list.getByRole('link', { name: /Armenia and Azerbaijan/ })).toHaveAttribute('href', '/article/armenia-and-azerbaijan');
  await page.screenshot({ path: 'test-results/screenshots/offline-unread-with-saved.png', fullPage: true });
  await context.setOffline(false);
});

test('the saved list survives closing the browser (same profile, new browser)', async ({ playwright, baseURL }) => {
  const browserType = playwright.chromium;
  const fs = await import('node:fs');
  const dir = fs.mkdtempSync('/tmp/lede-profile-');
  const options = {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    baseURL,
    serviceWorkers: 'allow' as const,
  };
  let browser = await browserType.launchPersistentContext(dir, options);
  let page = await browser.newPage();
  await page.goto(SEED);
  // This page is not the fixtures' own: wait for the app, whose button saves.
  await takenOver(page, `goto ${SEED}`);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByRole('button', { name: 'Saved' })).toBeVisible();
  await browser.close();

  browser = await browserType.launchPersistentContext(dir, options);
  page = await browser.newPage();
  await page.goto('/saved');
  await expect(page.locator('.saved-item').getByRole('link')).toHaveText(SEED_HEADLINE);
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Saving needs no service worker (Cache Storage and IndexedDB are the page's); blocking it
// lets route interception see the story and feed requests.
test.describe('saved stories', () => {
  test.use({ serviceWorkers: 'block' });

  test('the Saved page lists, removes, reports storage and clears everything on request', async ({ page }) => {
    await page.goto(`${SEED}`);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('link', { name: 'Saved', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saved for offline');
    const item = page.locator('.saved-item');
    await expect(item).toHaveCount(1);
    await expect(item.getByRole('link')).toHaveText(SEED_HEADLINE);
    await expect(item).toContainText(/Saved \w+ \d+, \d{4} · \d+ KB/);
    await expect(item).not.toContainText('Updated since you saved it');
    await expect(page.getByText(/Lede uses .* on this device/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/saved-page.png', fullPage: true });

    // A settings choice, to see "clear my data" take it too.
    await page.evaluate(() => localStorage.setItem('lede.settings.v1', 'theme=dark'));
    await page.getByRole('button', { name: 'Clear my data' }).click();
    await expect(page.getByText('including 1 saved story')).toBeVisible();
    await page.getByRole('button', { name: 'Yes, clear everything' }).click();
    await expect(page.getByText('Cleared.')).toBeVisible();
    await expect(page.locator('.saved-item')).toHaveCount(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lede.')))).toEqual([]);
    expect(await page.evaluate(async () => (await caches.keys()).filter((k) => !k.startsWith('lede-shell-')))).toEqual([]);
  });

  test('a saved story that has changed since says so and saves the new version', async ({ page }) => {
    await page.goto(SEED);
    await page.getByRole('button', { name: 'Save for offline' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toBeVisible();
    // The publisher corrects the story: the feed and the story now carry a later dateModified.
    const modified = '2020-10-10T08:00:00Z';
    await serveEditedJson(page, '/articles/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh.json', (story) => {
      story.dateModified = modified;
    });
    await serveEditedJson(page, '/feed.json', (feed) => {
      let edited = 0;
      for (const item of feed.items) {
        if (item.url.endsWith(SEED)) {
          item.date_modified = modified;
          edited += 1;
        }
      }
      expect(edited, 'the feed lists the saved story').toBe(1);
    });
    await page.reload();
    const notice = page.getByRole('region', { name: 'Updated since you saved it' });
    await expect(notice).toContainText('This story has been updated since you saved it.');
    await page.goto('/saved');
    await expect(page.locator('.saved-item')).toContainText('Updated since you saved it');
    await page.getByRole('button', { name: 'Save the new version' }).click();
    await expect(page.locator('.saved-item')).not.toContainText('Updated since you saved it');
  });
});
