#!/usr/bin/env bash
# The cross-engine smoke suite (tests/engines/smoke.mjs) in WebKit: WebKitWebDriver under xvfb-run
# driving WebKitGTK's MiniBrowser (its --headless mode hangs). Not a CI gate: it writes its results
# to docs/engines-webkit.txt, which docs/engines.md links, and exits with the suite's status.
# LEDE_WEBKIT_PORT (default 8097): where nginx serves dist/ for this run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

port=${LEDE_WEBKIT_PORT:-8097}
dist=${LEDE_ENGINES_DIST:-dist}
[ -f "$dist/index.html" ] || { echo "no $dist/index.html: run scripts/build.sh first" >&2; exit 1; }
for tool in xvfb-run WebKitWebDriver; do
  command -v "$tool" >/dev/null || { echo "$tool missing: run scripts/setup.sh" >&2; exit 1; }
done
nginx_start "$dist" "$port"
trap 'nginx_stop '"$port" EXIT

step "Smoke suite in WebKit (WebKitWebDriver + MiniBrowser under xvfb-run)"
status=0
node tests/engines/smoke.mjs --engine webkit --base "http://127.0.0.1:$port" \
  --cut-network "source scripts/lib.sh && nginx_stop $port" \
  --restore-network "source scripts/lib.sh && nginx_start '$dist' $port" \
  --markdown docs/engines-webkit.txt || status=$?
done_step
printf 'Results written to docs/engines-webkit.txt\n'
exit "$status"
