// Long tasks on the main thread while Lede shows a story and highlights its entities.
// Usage: node bench/long-tasks.mjs BASE_URL DIST_DIR [WORDS] [--cpu RATE]
// --cpu RATE slows the page's main thread RATE times (DevTools' CPU throttling; Lighthouse's mobile
// profile assumes 4), so a task that is 13 ms here is the 50 ms long task a slow phone sees.
// Writes a synthetic story of WORDS words (default 100,000) into DIST_DIR/articles, opens it
// and the seed story in headless Chromium, and reports every long task (> 50 ms) in each phase,
// each phase measured from its own moment, recorded in the page as it happens:
// - first paint: the browser's first-contentful-paint (for a pre-rendered story, its static HTML);
// - app start-up, up to "app on screen": the app's own headline is in the document and no
//   pre-rendered copy is left (src/takeover.rs swaps them in one step);
// - recognising and highlighting, from "app on screen" until the main thread is idle after
//   "highlights done" (the story's last block has its marks).
// The app sets no performance mark at those two moments (src/dom.rs `timed` measures other
// work), so a MutationObserver notes them; its callbacks add a little to the tasks it watches.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const cpuAt = args.indexOf('--cpu');
const cpu = cpuAt >= 0 ? Number(args.splice(cpuAt, 2)[1]) : 1;
if (!(cpu >= 1)) throw new Error('--cpu wants a slowdown of 1 or more');
const [base = 'http://127.0.0.1:8091', dist = 'dist', wordsArg = '100000'] = args;
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
  if (cpu > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  await page.addInitScript((lastBlock) => {
    const w = window;
    w.__long = [];
    w.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    });
    w.__longObserver.observe({ type: 'longtask', buffered: true });
    w.__marks = {};
    const note = () => {
      const marks = w.__marks;
      if (marks.app === undefined && !document.getElementById('prerendered') && document.querySelector('#app h1.headline')) {
        marks.app = performance.now();
      }
      if (marks.highlighted === undefined && document.querySelector(`#app #${lastBlock} mark.entity`)) {
        marks.highlighted = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(note);
    observer.observe(document, { childList: true, subtree: true });
  }, lastBlock);
  await page.goto(`${base}/article/${slug}`);
  await page.waitForFunction(() => window.__marks.highlighted !== undefined, null, { timeout: 300_000, polling: 250 });
  // Every long task so far: wait for the main thread to be idle, then take what the observer
  // has not yet delivered.
  const { tasks, marks, paint } = await page.evaluate(async () => {
    await new Promise((resolve) => requestIdleCallback(resolve));
    for (const e of window.__longObserver.takeRecords()) window.__long.push({ start: e.startTime, duration: e.duration });
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { tasks: window.__long, marks: window.__marks, paint: fcp ? fcp.startTime : NaN };
  });
  await page.close();
  const max = (list) => Math.max(0, ...list.map((t) => t.duration));
  const phase = (from, to) => {
    const list = tasks.filter((t) => t.start >= from && t.start < to);
    return { count: list.length, max: max(list), each: list.map((t) => Math.round(t.duration)) };
  };
  return {
    paint,
    app: marks.app,
    done: marks.highlighted,
    // The browser's own first layout and paint of the pre-rendered page come before first paint.
    page: phase(0, paint),
    startup: phase(paint, marks.app),
    // Up to the idle main thread: the panel listing the entities comes after the last marks.
    recognising: phase(marks.app, Infinity),
  };
}

const { blocks, count } = syntheticStory();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const rows = [
  ['seed story (373 words)', await measure(browser, SEED, 'p11')],
  [`synthetic long read (${count.toLocaleString('en')} words, ${blocks} paragraphs)`, await measure(browser, 'bench-long-read', `p${blocks}`)],
];
await browser.close();
console.log(`main thread slowed ${cpu}x${cpu > 1 ? ' (DevTools CPU throttling)' : ''}`);
console.log('story | first paint (ms) | app on screen (ms) | highlights done (ms) | long tasks before first paint (max ms) | in app start-up, after first paint (max ms) | from then until idle after highlighting (max ms)');
for (const [name, r] of rows) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
  console.log(`${name} | ${ms(r.paint)} | ${ms(r.app)} | ${ms(r.done)} | ${r.page.count} (${ms(r.page.max)}) | ${r.startup.count} (${ms(r.startup.max)}) | ${r.recognising.count} (${ms(r.recognising.max)})`);
  console.log(`  each long task (ms): before first paint [${r.page.each.join(', ')}], start-up [${r.startup.each.join(', ')}], then [${r.recognising.each.join(', ')}]`);
}
