// Words per second of the recogniser as readers get it: the shipped worker (dist/, built by Trunk
// with the worker's own profile, `[profile.worker-release]`) driven through its own entry point —
// `new Worker(loader)`, the "ready" handshake, then one request per article in the worker's text
// format (lede_core::entity::wire: a header line, then length-prefixed blocks) and its reply,
// exactly as src/entities/client.rs does — next to compromise.js on the same text in the same
// headless Chromium. Every reply must be an "ok" answer naming its request, or the run fails (a
// worker that refuses requests would otherwise look very fast). Rounds alternate worker and
// compromise.js so that a change in the machine's load hits both; the ratio is per round.
// Usage: node bench/ner-worker.mjs DIST_DIR [ROUNDS]
// Serves DIST_DIR on 127.0.0.1 (random port) for the run only; the server closes at the end and
// after 10 minutes at most.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dist, repsArg = '3'] = process.argv.slice(2);
const reps = Number(repsArg);
for (const f of ['lede-ner-worker_loader.js', 'models/model.bin']) {
  if (!existsSync(path.join(dist, f))) {
    console.error(`${dist}/${f} is missing: build the reader first (scripts/build.sh or trunk build --release)`);
    process.exit(2);
  }
}
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.bin': 'application/octet-stream' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
  if (url.pathname === '/' || !existsSync(file)) {
    res.writeHead(url.pathname === '/' ? 200 : 404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>lede-ner worker benchmark</title>');
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const stop = setTimeout(() => { server.close(); process.exit(3); }, 600_000);
const origin = `http://127.0.0.1:${server.address().port}`;

const conll = readFileSync('crates/lede-ner/tests/fixtures/wikigold.conll.txt', 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.goto(origin + '/');
await page.addScriptTag({ path: 'node_modules/compromise/builds/compromise.js' });
const result = await page.evaluate(async ({ conll, reps }) => {
  // One article per wikigold document, one block per sentence (as paragraphs reach the worker).
  const docs = conll.split('-DOCSTART- O').map((doc) =>
    doc.split(/\n\s*\n/).map((s) => s.split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]).join(' ')).filter(Boolean))
    .filter((d) => d.length);
  const words = docs.flat().reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
  const worker = new Worker('/lede-ner-worker_loader.js');
  const replies = [];
  let wake = null;
  worker.onmessage = (e) => { replies.push(e.data); if (wake) { const w = wake; wake = null; w(); } };
  const next = async () => { while (!replies.length) await new Promise((ok) => { wake = ok; }); return replies.shift(); };
  // lede_core::entity::wire::Request::encode: "<id>\t<model url>\t<blocks>\n" then "<bytes>:<text>" per block.
  const utf8 = new TextEncoder();
  const encode = (id, blocks) => `${id}\t/models/model.bin\t${blocks.length}\n` + blocks.map((b) => `${utf8.encode(b).length}:${b}`).join('');
  let id = 1;
  let entities = 0;
  const ask = async (blocks) => {
    const me = id++;
    worker.postMessage(encode(me, blocks));
    const reply = String(await next());
    if (!reply.startsWith(`ok\t${me}\n`)) throw new Error(`request ${me}: the worker answered ${JSON.stringify(reply.slice(0, 120))}`);
    entities += reply.split('\n').filter((l) => l.startsWith('E\t')).length;
    return reply;
  };
  const t0 = performance.now();
  const ready = await next();
  const startMs = performance.now() - t0;
  const t1 = performance.now();
  const first = await ask(['Michelle Bachelet spoke in Geneva.']);
  const loadMs = performance.now() - t1;
  const texts = docs.map((d) => d.join('\n'));
  const rounds = [];
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    entities = 0;
    const t2 = performance.now();
    for (const blocks of docs) await ask(blocks);
    const workerWps = words / ((performance.now() - t2) / 1000);
    const t3 = performance.now();
    for (const text of texts) {
      const doc = window.nlp(text);
      sink += doc.people().length + doc.places().length + doc.organizations().length;
    }
    const compromiseWps = words / ((performance.now() - t3) / 1000);
    rounds.push({ workerWps, compromiseWps, entities });
  }
  worker.terminate();
  return { articles: docs.length, ready, first: first.split('\n').slice(1, 3).join(' | '), startMs, loadMs, rounds, words, sink, ua: navigator.userAgent };
}, { conll, reps });
await browser.close();
clearTimeout(stop);
server.close();

const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const n = (x) => Math.round(x).toLocaleString('en');
console.log(`headless Chromium (${result.ua.match(/Chrome\/[\d.]+/)?.[0] ?? 'unknown'}), shipped worker from ${dist}, wikigold text, ${result.words} words in ${result.articles} articles, one request per article, ${reps} alternating rounds`);
console.log(`worker start (wasm compile + instantiate, until "${result.ready}"): ${result.startMs.toFixed(0)} ms; first request incl. model fetch + load: ${result.loadMs.toFixed(0)} ms (${result.first})`);
console.log('round | lede-ner worker words/s (full analyse incl. messages) | entities | compromise.js 14.17 words/s (main thread) | ratio');
result.rounds.forEach((r, i) => console.log(`${i + 1} | ${n(r.workerWps)} | ${r.entities} | ${n(r.compromiseWps)} | ${(r.workerWps / r.compromiseWps).toFixed(1)}x`));
const ratios = result.rounds.map((r) => r.workerWps / r.compromiseWps);
console.log(`summary: worker median ${n(median(result.rounds.map((r) => r.workerWps)))} words/s, compromise.js median ${n(median(result.rounds.map((r) => r.compromiseWps)))} words/s, ratio median ${median(ratios).toFixed(1)}x (range ${Math.min(...ratios).toFixed(1)}-${Math.max(...ratios).toFixed(1)}x)`);
