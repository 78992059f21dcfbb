#!/usr/bin/env bash
# Benchmark (not part of the tests): the archive index at 100, 1,000 and 10,000 stories.
# Writes synthetic corpora (`lede-site corpus`) into a temporary folder, indexes each with the
# recogniser (`lede-site index`: build time, bytes raw and brotli per article), then runs the
# criterion benchmark (crates/lede-core/benches/archive.rs: reading the index, topic pages,
# related ranking, search per keystroke) on indexes made in the benchmark and on the recognised
# ones, and prints a summary table. Native figures; the browser's come later (docs/archive.md).
# Then times the site build at each size (index + pre-render + feeds + sitemap): a full build,
# then an incremental one after 10 stories changed (docs/archive.md, "Incremental builds").
#   scripts/bench-archive.sh [SIZES...]   (default: 100 1000 10000)
#   LEDE_BENCH_ONLY=builds scripts/bench-archive.sh …   only the build timings
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
sizes=("${@:-100 1000 10000}")
read -r -a sizes <<< "${sizes[*]}"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
# Speed, not size: the release profile's opt-level "z" and LTO are for the reader's wasm.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_PANIC=unwind
work=$(mktemp -d -t lede-archive-XXXXXX)
trap 'rm -rf "$work"' EXIT

step "Build lede-site (release, opt-level 3)"
cargo build --quiet --release -p lede-site
site="$CARGO_TARGET_DIR/release/lede-site"
done_step

# --- The site build, full and incremental ------------------------------------------------------
# The build tools under the `build-tools` profile (opt-level 3), as scripts/build.sh runs them.
# The pre-renderer needs Trunk's index.html as its template: dist/shell.html when a Trunk build is
# there, else a minimal stand-in with the same <title> and <body>.
bench_builds() {
  step "Build lede-site and lede-prerender (profile build-tools)"
  # Without this script's release overrides (build-tools inherits from release: they would
  # make it another profile, built from scratch).
  local plain=(env -u CARGO_PROFILE_RELEASE_OPT_LEVEL -u CARGO_PROFILE_RELEASE_LTO -u CARGO_PROFILE_RELEASE_CODEGEN_UNITS -u CARGO_PROFILE_RELEASE_PANIC)
  "${plain[@]}" cargo build --quiet --profile build-tools -p lede-site
  "${plain[@]}" cargo build --quiet --profile build-tools --no-default-features --features ssr --bin lede-prerender
  local bin="$CARGO_TARGET_DIR/build-tools"
  done_step
  local shell="$work/shell.html"
  if [ -f dist/shell.html ]; then cp dist/shell.html "$shell"; else
    printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lede</title><link rel="stylesheet" href="/main.css"><script type="module">import init from "/lede-0000000000000000.js"; await init();</script></head><body><noscript>Lede</noscript></body></html>\n' > "$shell"
  fi
  # One build: what scripts/build.sh and `lede-site build` run besides Trunk, each step timed.
  build_once() { # corpus dist cache label
    local corpus=$1 dist=$2 cache=$3 label=$4 t0 t1 t2 t3
    t0=$(date +%s.%N)
    "$bin/lede-site" index "$corpus" --out "$dist/index.json" --cache "$cache" --no-size > /dev/null 2> "$work/$label.index.log"
    t1=$(date +%s.%N)
    "$bin/lede-prerender" --dist "$dist" --articles "$corpus" --cache "$cache" > "$work/$label.prerender.log"
    t2=$(date +%s.%N)
    "$bin/lede-site" feed "$corpus" --out "$dist/feed.json" > /dev/null
    "$bin/lede-site" atom "$corpus" --out "$dist/feed.atom" > /dev/null
    "$bin/lede-site" sitemap "$corpus" --out "$dist" > /dev/null
    t3=$(date +%s.%N)
    echo "$label index=$(echo "$t1 - $t0" | bc) prerender=$(echo "$t2 - $t1" | bc) feeds=$(echo "$t3 - $t2" | bc) total=$(echo "$t3 - $t0" | bc) pages=$(grep -o '^lede-prerender: [0-9]* of [0-9]*' "$work/$label.prerender.log" | awk '{print $2 "/" $4}') load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/builds.txt"
  }
  for n in "${sizes[@]}"; do
    step "Site build of $n stories: full, then incremental after 10 changed"
    local corpus="$work/build-corpus-$n" dist="$work/dist-$n" cache="$work/cache-$n"
    "$bin/lede-site" corpus --count "$n" --out "$corpus" > /dev/null
    mkdir -p "$dist" && cp "$shell" "$dist/index.html"
    # The feed first: the pre-renderer reads dist/feed.json for the front page.
    "$bin/lede-site" feed "$corpus" --out "$dist/feed.json" > /dev/null
    build_once "$corpus" "$dist" "$cache" "full-$n"
    # Ten stories change: a correction to the headline (which other stories' related lists show).
    local changed=0
    for f in $(ls "$corpus" | awk -v n="$n" 'NR % int(n / 10) == 1' | head -10); do
      sed -i 's/"headline": "/"headline": "Corrected: /' "$corpus/$f"
      changed=$((changed + 1))
    done
    echo "changed $changed stories"
    build_once "$corpus" "$dist" "$cache" "incremental-$n"
    done_step
  done
  step "Summary: the site build (wall-clock seconds; load average at the end of each build)"
  node - "$work/builds.txt" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => {
  const [label, ...kv] = line.split(' ');
  return { label, ...Object.fromEntries(kv.map((x) => x.split('='))) };
});
const f = (x) => Number(x).toFixed(2);
console.log('| build | index s | pre-render s | feeds + sitemap s | total s | pages rendered | load avg |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.label} | ${f(r.index)} | ${f(r.prerender)} | ${f(r.feeds)} | ${f(r.total)} | ${r.pages} | ${r.load} |`);
}
JS
  done_step
}
if [ "${LEDE_BENCH_ONLY:-}" = builds ]; then
  bench_builds
  exit 0
fi

for n in "${sizes[@]}"; do
  step "Synthetic corpus of $n articles, indexed with the recogniser ($(nproc) threads)"
  "$site" corpus --count "$n" --out "$work/corpus-$n"
  du -sb "$work/corpus-$n" | cut -f1 > "$work/corpus-$n.bytes"
  "$site" index "$work/corpus-$n" --out "$work/index-$n.json" 2>&1 | tee "$work/index-$n.log"
  done_step
done

step "criterion: reading, topics, related, search per keystroke (crates/lede-core/benches/archive.rs)"
rm -rf "$CARGO_TARGET_DIR/criterion/synthetic" "$CARGO_TARGET_DIR/criterion/recognised" "$CARGO_TARGET_DIR/criterion/cached"
set +e
LEDE_BENCH_INDEX_DIR="$work" cargo bench --quiet -p lede-core --bench archive 2>&1 | tee "$work/bench.log" |
  grep --line-buffered -E '^(synthetic|recognised|cached)/|time:'
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
  tail -n 20 "$work/bench.log"
  echo "the benchmark failed (exit $status)" >&2
  exit "$status"
fi
done_step

step "Summary"
node - "$work" "$CARGO_TARGET_DIR/criterion" "${sizes[@]}" <<'JS'
const fs = require('fs');
const [work, crit, ...sizes] = process.argv.slice(2);
const est = (group, bench, id) => {
  try {
    const e = JSON.parse(fs.readFileSync(`${crit}/${group}/${bench}/${id}/new/estimates.json`, 'utf8'));
    return e.mean.point_estimate / 1e3; // µs
  } catch { return NaN; }
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const row = (cells) => console.log('| ' + cells.join(' | ') + ' |');
console.log('\nIndex built by `lede-site index` (recogniser, all cores) over the synthetic corpus:\n');
row(['stories', 'corpus MB', 'index build s', 'recognise ms/article', 'index KB raw', 'B raw/article', 'B brotli/article', 'entities']);
row(Array(8).fill('---:'));
for (const n of sizes) {
  const log = fs.readFileSync(`${work}/index-${n}.log`, 'utf8');
  const m = Object.fromEntries([...log.matchAll(/(\w+)=([\d.]+)/g)].map((x) => [x[1], Number(x[2])]));
  const corpus = Number(fs.readFileSync(`${work}/corpus-${n}.bytes`, 'utf8')) / 1e6;
  row([n, f(corpus), f(m.build_seconds, 2), f((m.recognise_seconds * 1000) / n, 2), f(m.raw_bytes / 1024),
       f(m.raw_per_article, 0), f(m.brotli_per_article, 0), m.entities]);
}
for (const group of ['synthetic', 'recognised']) {
  console.log(`\nQueries on the ${group === 'synthetic' ? 'index made in the benchmark' : 'recognised index'} (criterion means, native):\n`);
  row(['stories', 'load JSON ms', 'related build ms', 'related µs', 'topic µs', 'search build ms', 'keystroke mean µs', 'keystroke max µs']);
  row(Array(8).fill('---:'));
  for (const n of sizes) {
    const keys = ['a', 'ar', 'arm', 'arme', 'armen', 'armeni', 'armenia'].map((q) => est(group, `search_keystroke_${n}`, q));
    row([n, f(est(group, 'load_json', n) / 1e3, 2), f(est(group, 'related_build', n) / 1e3, 2), f(est(group, 'related', n)),
         f(est(group, 'topic', n)), f(est(group, 'search_build', n) / 1e3, 2),
         f(keys.reduce((a, b) => a + b, 0) / keys.length), f(Math.max(...keys))]);
  }
}
const cached = ['a', 'ar', 'arm', 'arme', 'armen', 'armeni', 'armenia'].map((q) => est('cached', 'fulltext_200', q));
console.log(`\nFull text of 200 cached stories (~500 words each): adding them ${f(est('cached', 'fulltext_build', 200) / 1e3, 2)} ms; ` +
  `per keystroke mean ${f(cached.reduce((a, b) => a + b, 0) / cached.length)} µs, max ${f(Math.max(...cached))} µs`);
JS

bench_builds
