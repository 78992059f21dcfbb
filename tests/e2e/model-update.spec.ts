// A new model reaches readers with the next build. The model's address carries no version, so
// the service worker must ask the server again rather than keep the first copy for ever. Two
// builds are served in turn by the test's own server: A is dist/, B the same with another model.
import { test, expect, underWorker } from './fixtures';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serveBuild } from './build-server';

test.use({ serviceWorkers: 'allow' });

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

test('a build with a new model: the reader gets it on the next visit, without clearing anything', async ({ page }) => {
  const dist = path.resolve('dist');
  const next = path.resolve('test-results/model-build-b');
  fs.rmSync(next, { recursive: true, force: true });
  fs.cpSync(dist, next, { recursive: true });
  const modelA = fs.readFileSync(path.join(dist, 'models/model.bin'));
  // Build B's model: different bytes at the same address (and the same app and service worker).
  fs.writeFileSync(path.join(next, 'models/model.bin'), Buffer.concat([modelA, Buffer.from('build B')]));
  const modelB = fs.readFileSync(path.join(next, 'models/model.bin'));
  expect(sha256(modelA)).not.toBe(sha256(modelB));
  expect(fs.readFileSync(path.join(next, 'sw.js'))).toEqual(fs.readFileSync(path.join(dist, 'sw.js')));

  const root = { dir: dist };
  const modelRequests: string[] = [];
  const { base, close } = await serveBuild(root, (pathname, dir) => {
    if (pathname.startsWith('/models/')) modelRequests.push(dir);
  });
  const cachedModel = () => page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const hit = await (await caches.open(name)).match('/models/model.bin');
      if (hit) {
        const digest = await window.crypto.subtle.digest('SHA-256', await hit.arrayBuffer());
        return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
      }
    }
    return null;
  });
  try {
    await page.goto(base + SEED);
    await underWorker(page);
    await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
    await expect.poll(cachedModel).toBe(sha256(modelA));

    root.dir = next; // build B is published
    const asked = modelRequests.length;
    await page.reload();
    await expect.poll(() => modelRequests.slice(asked).includes(next), { timeout: 20_000 }).toBe(true);
    await expect.poll(cachedModel).toBe(sha256(modelB));
  } finally {
    close();
  }
});
