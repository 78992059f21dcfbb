// Offline reading: the service worker keeps the app shell, the stories read and the feed.
import { test, expect } from '@playwright/test';

test.use({ serviceWorkers: 'allow' });

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const SEED_HEADLINE = "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh";

test('the front page and a story read once stay readable offline; an unread one says so', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // The first visit's files were fetched before the worker controlled the page.
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.locator('.story-card')).toHaveCount(4);
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
  await expect(page.locator('.story-card')).toHaveCount(4);

  await page.goto('/article/armenia-azerbaijan-moscow-talks-ru');
  await expect(page.getByRole('alert').getByRole('heading')).toHaveText('Not available offline');
  await page.screenshot({ path: 'test-results/screenshots/offline-unread.png' });
  await context.setOffline(false);
});
