// A new version of Lede published while someone is reading: the page says "Update available"
// (never a silent switch), and Reload serves only the new version. Two prebuilt builds are
// swapped under a small static server of the test's own — build A is dist/, build B a copy
// with a changed stylesheet and a new service worker version — rather than rebuilding.
import { test, expect, underWorker } from './fixtures';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveBuild } from './build-server';

test.use({ serviceWorkers: 'allow' });

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
test('a new build offers "Update available"; Reload switches wholly to it', async ({ page }) => {
  const dist = path.resolve('dist');
  const next = path.resolve('test-results/update-build-b');
  fs.rmSync(next, { recursive: true, force: true });
  fs.cpSync(dist, next, { recursive: true });
  // Build B: a changed asset under the same name, and a service worker of a new version.
  const css = fs.readdirSync(next).find((f) => /^main-.*\.css$/.test(f))!;
  const oldIntegrity = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(next, css))).digest('base64')}`;
  fs.appendFileSync(path.join(next, css), '\n:root { --lede-build: "B"; }\n');
  const newIntegrity = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(next, css))).digest('base64')}`;
  // Its pages name it with its new subresource-integrity hash, as Trunk writes them.
  const pages = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []);
  for (const html of pages(next)) fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replaceAll(oldIntegrity, newIntegrity));
  const sw = path.join(next, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = 'b$1'"));

  const root = { dir: dist };
  const { base, close } = await serveBuild(root);
  const build = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--lede-build').trim());
  try {
    await page.goto(base + SEED);
    await underWorker(page);
    await expect(page.locator('#prerendered')).toHaveCount(0);
    expect(await build()).toBe('');
    await page.mouse.wheel(0, 600); // reading

    root.dir = next; // build B is published
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())!.update(); });
    const banner = page.getByRole('status').filter({ hasText: 'Update available' });
    await expect(banner).toBeVisible({ timeout: 20_000 });
    // Nothing switched under the reader: still build A's stylesheet, same story.
    expect(await build()).toBe('');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/update-available.png' });

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect.poll(build).toBe('"B"');
    // Only build B's shell remains.
    const shells = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('lede-shell-')));
    expect(shells).toHaveLength(1);
    expect(shells[0]).toMatch(/^lede-shell-b/);
    await expect(banner).toBeHidden();
  } finally {
    close();
  }
});
