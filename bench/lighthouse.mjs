// Lighthouse on the release build behind nginx: mobile (simulated throttling) and desktop, on the
// front page, the seed story, and the story with a photograph (the Russian sample, whose lead
// image is a 2400×1600 JPEG with its built renditions), and that story as it was before
// renditions: one size for every screen (ONE_SIZE_BASE_URL serves a copy without them).
// Usage: node bench/lighthouse.mjs BASE_URL ONE_SIZE_BASE_URL [RUNS] [OUT_DIR]
// Reports, per page and form factor, the median and min–max of the four category scores, LCP,
// CLS and TBT over RUNS runs (default 3). Chromium is /usr/bin/chromium unless CHROME_PATH says.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const PHOTO_STORY = 'armenia-azerbaijan-moscow-talks-ru';

const [base = 'http://127.0.0.1:8102', oneSizeBase = 'http://127.0.0.1:8103', runsArg = '3', out = '/tmp/lede-lighthouse'] =
  process.argv.slice(2);
const runs = Number(runsArg);
mkdirSync(out, { recursive: true });

// LH_FLOOR=BASE: the same pages with every script removed (the floor for this server), measured
// in the same run, each right after Lede's, and reported as Lede ÷ floor.
// LH_PAGES (e.g. "story,story + photo") and LH_FORMS (e.g. "mobile") pick a subset.
const floorBase = process.env.LH_FLOOR;
const all = [
  ['front page', `${base}/`, floorBase && `${floorBase}/`],
  ['story', `${base}/article/${SEED}`, floorBase && `${floorBase}/article/${SEED}`],
  ['story + photo', `${base}/article/${PHOTO_STORY}`, floorBase && `${floorBase}/article/${PHOTO_STORY}`],
  ['story + photo, one size', `${oneSizeBase}/article/${PHOTO_STORY}`],
];
const wanted = process.env.LH_PAGES ? process.env.LH_PAGES.split(',') : all.map((p) => p[0]);
const pages = all
  .filter(([name]) => wanted.includes(name))
  .flatMap(([name, url, floor]) => (floor ? [[name, url], [`${name} (floor)`, floor]] : [[name, url]]));
const forms = process.env.LH_FORMS ? process.env.LH_FORMS.split(',') : ['mobile', 'desktop'];
const CATS = ['performance', 'accessibility', 'best-practices', 'seo'];

function lighthouse(url, form, file) {
  const args = [
    'node_modules/lighthouse/cli/index.js',
    url,
    '--quiet',
    '--output=json',
    `--output-path=${file}`,
    `--chrome-flags=${FLAGS}`,
  ];
  if (form === 'desktop') args.push('--preset=desktop');
  try {
    execFileSync(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (e) {
    // Lighthouse exits non-zero on a runtime error but still writes its report, which says why.
    console.error(`  lighthouse exited with ${e.status}`);
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const score = (c) => Math.round((r.categories[c]?.score ?? NaN) * 100);
  const failing = [];
  for (const c of CATS) {
    for (const ref of r.categories[c]?.auditRefs ?? []) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) failing.push([`${c}:${ref.id}`, a.score]);
    }
  }
  return {
    scores: CATS.map(score),
    lcp: r.audits['largest-contentful-paint']?.numericValue ?? NaN,
    cls: r.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    tbt: r.audits['total-blocking-time']?.numericValue ?? NaN,
    fcp: r.audits['first-contentful-paint']?.numericValue ?? NaN,
    failing,
    error: r.runtimeError?.message,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs, fmt) => {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return lo === hi ? fmt(median(xs)) : `${fmt(median(xs))} (${fmt(lo)}–${fmt(hi)})`;
};

const results = [];
for (const [name, url] of pages) {
  for (const form of forms) {
    const rs = [];
    for (let i = 0; i < runs; i++) {
      const file = `${out}/${name.replace(/\W+/g, '-')}-${form}-${i + 1}.json`;
      const t = Date.now();
      // A run Lighthouse itself could not record (a runtime error such as NO_NAVSTART) measured
      // nothing: it is said, and the run is made again, up to twice; it never enters the medians.
      let r = lighthouse(url, form, file);
      for (let again = 0; r.error && again < 2; again++) {
        console.error(`  ${name} ${form} run ${i + 1}: not recorded (${r.error}); running it again`);
        r = lighthouse(url, form, file);
      }
      if (r.error) {
        console.error(`  ${name} ${form} run ${i + 1}: not recorded three times; left out`);
        continue;
      }
      rs.push(r);
      console.error(`  ${name} ${form} run ${i + 1}: ${r.scores.join('/')} LCP ${r.lcp.toFixed(0)} ms CLS ${r.cls.toFixed(3)} TBT ${r.tbt.toFixed(0)} ms (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    }
    results.push({ name, form, rs });
  }
}

const ms = (x) => `${(x / 1000).toFixed(2)} s`;
const head = '| page | form | runs | Performance | Accessibility | Best Practices | SEO | FCP | LCP | CLS | TBT |';
console.log(`\n${head}\n|${'---|'.repeat(11)}`);
for (const { name, form, rs } of results) {
  const cols = CATS.map((_, i) => spread(rs.map((r) => r.scores[i]), String));
  console.log(
    `| ${name} | ${form} | ${rs.length} | ${cols.join(' | ')} | ${spread(rs.map((r) => r.fcp), ms)} | ${spread(rs.map((r) => r.lcp), ms)} | ${spread(rs.map((r) => r.cls), (x) => x.toFixed(3))} | ${spread(rs.map((r) => r.tbt), (x) => `${x.toFixed(0)} ms`)} |`,
  );
}
if (floorBase) {
  console.log('\n| page | form | Performance | FCP ÷ floor | LCP ÷ floor | TBT (floor) |\n|---|---|---|---|---|---|');
  for (const { name, form, rs } of results) {
    const floor = results.find((f) => f.name === `${name} (floor)` && f.form === form);
    if (!floor) continue;
    const m = (list, key) => median(list.map((r) => r[key]));
    console.log(
      `| ${name} | ${form} | ${median(rs.map((r) => r.scores[0]))} vs ${median(floor.rs.map((r) => r.scores[0]))} | ${(m(rs, 'fcp') / m(floor.rs, 'fcp')).toFixed(2)} | ${(m(rs, 'lcp') / m(floor.rs, 'lcp')).toFixed(2)} | ${m(rs, 'tbt').toFixed(0)} ms (${m(floor.rs, 'tbt').toFixed(0)} ms) |`,
    );
  }
}
console.log('\nweighted audits below 1 (page, form: audit, lowest score, in how many runs):');
for (const { name, form, rs } of results) {
  const seen = {};
  for (const r of rs) for (const [id, score] of r.failing) seen[id] = [Math.min(seen[id]?.[0] ?? 1, score), (seen[id]?.[1] ?? 0) + 1];
  const list = Object.entries(seen).map(([id, [lo, n]]) => `${id} ${lo} ×${n}`).join(', ');
  console.log(`- ${name}, ${form}: ${list || 'none'}`);
}
console.log(`\nreports: ${out}/*.json`);
