// Words per second of lede-ner compiled to WebAssembly and of compromise.js, on the same text in
// the same headless Chromium, side by side. Usage: node bench/ner-browser.mjs BENCH_WASM [REPS]
// (scripts/bench-ner.sh builds BENCH_WASM from crates/lede-ner/bench-wasm).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [wasmPath, repsArg = '3'] = process.argv.slice(2);
const reps = Number(repsArg);
const wasm = readFileSync(wasmPath).toString('base64');
const conll = readFileSync('crates/lede-ner/tests/fixtures/wikigold.conll.txt', 'utf8');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.setContent('<!doctype html><title>lede-ner benchmark</title>');
await page.addScriptTag({ path: 'node_modules/compromise/builds/compromise.js' });
const result = await page.evaluate(async ({ wasm, conll, reps }) => {
  const bytes = Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { now: () => performance.now() } });
  const lede = {};
  for (const [name, beam] of [['model beam', 0], ['greedy', 1]]) {
    const ptr = instance.exports.bench(reps, beam);
    const [words, loadMs, tagWps, analyseWps] = new Float64Array(instance.exports.memory.buffer, ptr, 4);
    lede[name] = { words, loadMs, tagWps, analyseWps };
  }
  // compromise on the same text: one document per wikigold article, a sentence per line.
  const texts = conll.split('-DOCSTART- O').map((doc) =>
    doc.split(/\n\s*\n/).map((s) => s.split('\n').filter((l) => l.trim()).map((l) => l.split(' ')[0]).join(' ')).join('\n'));
  const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
  let sink = 0;
  const t = performance.now();
  for (let r = 0; r < reps; r++) for (const text of texts) {
    const doc = window.nlp(text);
    sink += doc.people().length + doc.places().length + doc.organizations().length;
  }
  const compromiseWps = (words * reps) / ((performance.now() - t) / 1000);
  return { lede, compromiseWps, words, sink, ua: navigator.userAgent };
}, { wasm, conll, reps });
await browser.close();

console.log(`headless Chromium (${result.ua.match(/Chrome\/[\d.]+/)?.[0] ?? 'unknown'}), wikigold text, ${result.words} words x ${reps}`);
console.log('system | words/s | vs compromise.js');
for (const [name, r] of Object.entries(result.lede)) {
  console.log(`lede-ner wasm, tagger (${name}) | ${Math.round(r.tagWps).toLocaleString('en')} | ${(r.tagWps / result.compromiseWps).toFixed(1)}x`);
  console.log(`lede-ner wasm, full analyse (${name}) | ${Math.round(r.analyseWps).toLocaleString('en')} | ${(r.analyseWps / result.compromiseWps).toFixed(1)}x`);
}
console.log(`compromise.js 14.17 | ${Math.round(result.compromiseWps).toLocaleString('en')} | 1.0x`);
console.log(`model load in wasm: ${result.lede['model beam'].loadMs.toFixed(0)} ms`);
