#!/usr/bin/env bash
# The cross-engine smoke suite (tests/engines/smoke.mjs) in Chromium and Firefox ESR over WebDriver,
# against the release build in dist/ behind nginx. A CI gate: exits non-zero if either engine fails
# a check. Run scripts/setup.sh and scripts/build.sh first (scripts/test.sh does both).
# WebKit has a command of its own, scripts/test-webkit.sh, reported in docs/engines.md (not a gate).
# LEDE_ENGINES_PORT (default 8095): where nginx serves dist/ for these runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

port=${LEDE_ENGINES_PORT:-8095}
dist=${LEDE_ENGINES_DIST:-dist}
[ -f "$dist/index.html" ] || { echo "no $dist/index.html: run scripts/build.sh first" >&2; exit 1; }
nginx_start "$dist" "$port"
trap 'nginx_stop '"$port" EXIT

# The offline check stops the server mid-test (the service worker must then serve the story) and
# starts it again afterwards.
cut="source scripts/lib.sh && nginx_stop $port"
restore="source scripts/lib.sh && nginx_start '$dist' $port"

status=0
for engine in chromium firefox; do
  step "Smoke suite in $engine (WebDriver, release build behind nginx)"
  node tests/engines/smoke.mjs --engine "$engine" --base "http://127.0.0.1:$port" \
    --cut-network "$cut" --restore-network "$restore" || status=1
  done_step
done
exit "$status"
