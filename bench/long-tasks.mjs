// Long tasks on the main thread while Lede shows a story and highlights its entities.
// Usage: node bench/long-tasks.mjs BASE_URL DIST_DIR [WORDS]
// Writes a synthetic story of WORDS words (default 100,000) into DIST_DIR/articles, opens it
// and the seed story in headless Chromium, and reports every long task (> 50 ms) seen before
// the story was on screen and while its entities were being recognised and highlighted.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

const [base = 'http://127.0.0.1:8091', dist = 'dist', wordsArg = '100000'] = process.argv.slice(2);
const words = Number(wordsArg);
const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';

// A clearly synthetic long read: the seed story's paragraphs, numbered, repeated until long enough.
function syntheticStory() {
  const seed = JSON.parse(readFileSync(`${dist}/articles/${SEED}.json`, 'utf8'));
  const paragraphs = seed.body.filter((b) => b.type === 'paragraph').map((b) => b.content.map((r) => r.text).join(''));
  const body = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const text = `Synthetic paragraph ${i + 1}. ${paragraphs[i % paragraphs.length]}`;
    count += text.split(/\s+/).length;
    body.push({ type: 'paragraph', id: `p${i + 1}`, content: [{ text }] });
  }
  const story = { ...seed, id: 'bench-long-read', slug: 'bench-long-read', headline: `Synthetic long read (${count.toLocaleString('en')} words)`, body, related: [], entities: [] };
  delete story.breaking;
  writeFileSync(`${dist}/articles/bench-long-read.json`, JSON.stringify(story));
  return { blocks: body.length, count };
}

async function measure(browser, slug, lastBlock) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${base}/article/${slug}`);
  await page.locator('h1.headline').waitFor({ timeout: 120_000 });
  const onScreen = await page.evaluate(() => performance.now());
  // Highlighting is done when the last block has its marks.
  await page.locator(`#${lastBlock} mark.entity`).first().waitFor({ timeout: 300_000 });
  const done = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(() => window.__long);
  await page.close();
  const before = tasks.filter((t) => t.start < onScreen);
  const after = tasks.filter((t) => t.start >= onScreen);
  const max = (list) => Math.max(0, ...list.map((t) => t.duration));
  return { onScreen, done, before: before.length, maxBefore: max(before), after: after.length, maxAfter: max(after) };
}

const { blocks, count } = syntheticStory();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const rows = [
  ['seed story (373 words)', await measure(browser, SEED, 'p11')],
  [`synthetic long read (${count.toLocaleString('en')} words, ${blocks} paragraphs)`, await measure(browser, 'bench-long-read', `p${blocks}`)],
];
await browser.close();
console.log('story | on screen (ms) | highlights done (ms) | long tasks before on screen (max ms) | long tasks while recognising/highlighting (max ms)');
for (const [name, r] of rows) {
  console.log(`${name} | ${r.onScreen.toFixed(0)} | ${r.done.toFixed(0)} | ${r.before} (${r.maxBefore.toFixed(0)}) | ${r.after} (${r.maxAfter.toFixed(0)})`);
}
