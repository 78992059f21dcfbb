// The archive in the browser, at several sizes: front page, related ranking, search per
// keystroke, memory. Reads the app's own User Timing measures (src/dom.rs `timed`). Run by
// scripts/bench-archive-browser.sh, which prepares the synthetic corpora and serves the build.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const [base, ...dirs] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--enable-precise-memory-info'],
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const rows = [];
for (const dir of dirs) {
  const feed = fs.readFileSync(`${dir}.feed.json`);
  const index = fs.readFileSync(`${dir}.index.json`);
  const slugs = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/feed.json', (r) => r.fulfill({ body: feed, contentType: 'application/json' }));
  await context.route('**/index.json', (r) => r.fulfill({ body: index, contentType: 'application/json' }));
  await context.route('**/articles/*.json', (r) => {
    const file = path.join(dir, path.basename(new URL(r.request().url()).pathname));
    return fs.existsSync(file) ? r.fulfill({ path: file, contentType: 'application/json' }) : r.fulfill({ status: 404 });
  });
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
  });
  const page = await context.newPage();
  const measures = (name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);

  await page.goto(`${base}/`);
  // The front page, or its error view when the feed cannot be read (at 10,000 stories the JSON
  // Feed, which carries every story's text, is over lede-core's 8 MB document limit).
  await page.waitForFunction(() => !document.getElementById('prerendered') && (document.querySelectorAll('.story-card').length > 0 || document.querySelector('.error-view')), null, { timeout: 120_000 });
  const frontFailed = await page.evaluate(() => !!document.querySelector('.error-view'));
  const feedParse = frontFailed ? NaN : median(await measures('lede:feed-parse'));
  const front = frontFailed ? NaN : median(await measures('lede:front-page'));
  const feedMB = feed.length / 2 ** 20;

  // Related: a few stories, each opened fresh (the index is fetched and built once per session).
  const related = [];
  let indexParse = NaN, indexBuild = NaN;
  for (const slug of [slugs[0], slugs[Math.floor(slugs.length / 2)], slugs[slugs.length - 1]]) {
    await page.goto(`${base}/article/${slug}`);
    await page.waitForSelector('#app article.story', { timeout: 120_000 });
    related.push(...(await measures('lede:related')));
    indexParse = median(await measures('lede:index-parse'));
    indexBuild = median(await measures('lede:index-build'));
  }

  await page.goto(`${base}/search`);
  const box = page.getByRole('searchbox');
  await box.waitFor();
  await page.waitForTimeout(500);
  for (const word of ['armenia', 'minister talks']) {
    await box.fill('');
    await box.pressSequentially(word, { delay: 30 });
    await page.waitForTimeout(300);
  }
  const search = await measures('lede:search');
  const memory = await page.evaluate(() => ({
    js: performance.memory ? performance.memory.usedJSHeapSize : NaN,
    wasm: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : NaN,
  }));
  rows.push({
    stories: slugs.length, feedMB, frontFailed, feedParse, front, indexParse, indexBuild,
    related: median(related), search: median(search), searchMax: Math.max(...search),
    jsMB: memory.js / 2 ** 20, wasmMB: memory.wasm / 2 ** 20,
  });
  await context.close();
}
await browser.close();
const f = (x) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : 'n/a');
console.log('\n| stories | feed MB | feed parse ms | front page ms | index parse ms | index build ms | related ms | search ms/key (median, max) | JS heap MB | wasm memory MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.stories} | ${f(r.feedMB)} | ${r.frontFailed ? 'refused (over 8 MB)' : f(r.feedParse)} | ${f(r.front)} | ${f(r.indexParse)} | ${f(r.indexBuild)} | ${f(r.related)} | ${f(r.search)}, ${f(r.searchMax)} | ${f(r.jsMB)} | ${f(r.wasmMB)} |`);
}
