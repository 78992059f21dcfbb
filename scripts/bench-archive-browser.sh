#!/usr/bin/env bash
# Benchmark (not a test): the archive in headless Chromium at 100, 1,000 and 10,000 synthetic
# stories — front page, related ranking, search per keystroke, memory — read from the app's own
# User Timing measures. Usage: scripts/bench-archive-browser.sh [COUNTS...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
[ -f dist/index.html ] || scripts/build.sh
counts=("${@:-100 1000 10000}")
work=$(mktemp -d /tmp/lede-archive-bench.XXXX)
trap 'nginx_stop 8098; rm -rf "$work"' EXIT
dirs=()
for n in ${counts[@]}; do
  step "Synthetic corpus of $n stories, its feed and its index"
  dir="$work/corpus-$n"
  cargo run --quiet --release -p lede-site -- corpus --count "$n" --out "$dir" >/dev/null
  cargo run --quiet --release -p lede-site -- feed "$dir" --out "$dir.feed.json" >/dev/null
  cargo run --quiet --release -p lede-site -- index "$dir" --out "$dir.index.json" | tail -1
  dirs+=("$dir")
  done_step
done
nginx_start dist 8098
step "Front page, related stories, search and memory in headless Chromium"
node bench/archive-browser.mjs http://127.0.0.1:8098 "${dirs[@]}"
done_step
