// Words per second of lede-ner in WebAssembly (Node's V8) and of compromise.js on the same text.
//   cargo build --manifest-path crates/lede-ner/bench-wasm/Cargo.toml --release \
//       --target wasm32-unknown-unknown --target-dir /work/target-ner
//   npm install --prefix /tmp/lede-bench compromise@14.17.0
//   node crates/lede-ner/bench-wasm/run.mjs /work/target-ner/wasm32-unknown-unknown/release/lede_ner_bench_wasm.wasm /tmp/lede-bench
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const [wasmPath, npmDir, repsArg] = process.argv.slice(2)
const reps = Number(repsArg || 3)
const here = path.dirname(fileURLToPath(import.meta.url))

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
  env: { now: () => performance.now() },
})
const results = {}
for (const beam of [0, 1]) {
  const ptr = instance.exports.bench(reps, beam)
  const [words, loadMs, tagWps, analyseWps] = new Float64Array(instance.exports.memory.buffer, ptr, 4)
  results[beam === 0 ? 'model beam' : 'greedy'] = { words, loadMs, tagWps, analyseWps }
}

// compromise on the same text: one document per wikigold article, sentences on their own lines.
const conll = readFileSync(path.join(here, '..', 'tests', 'fixtures', 'wikigold.conll.txt'), 'utf8')
const texts = conll.split('-DOCSTART- O').map(doc =>
  doc.split(/\n\s*\n/).map(s => s.split('\n').filter(l => l.trim()).map(l => l.split(' ')[0]).join(' ')).join('\n'))
const words = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0)
const require = createRequire(path.join(path.resolve(npmDir), 'node_modules', 'x.js'))
const nlp = require('compromise')
let t = performance.now()
let sink = 0
for (let r = 0; r < reps; r++) for (const text of texts) {
  const doc = nlp(text)
  sink += doc.people().length + doc.places().length + doc.organizations().length
}
const cmpWps = (words * reps) / ((performance.now() - t) / 1000)

for (const [name, r] of Object.entries(results)) {
  console.log(`lede-ner wasm (${name}): load ${r.loadMs.toFixed(1)} ms; tagger ${Math.round(r.tagWps)} words/s; analyse ${Math.round(r.analyseWps)} words/s`)
}
console.log(`compromise.js: ${Math.round(cmpWps)} words/s (${words} words, people/places/organizations)`)
const a = results['model beam'].analyseWps
console.log(`ratio lede-ner analyse (model beam) / compromise: ${(a / cmpWps).toFixed(1)}x`)
