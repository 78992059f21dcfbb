#!/usr/bin/env bash
# Benchmark (not part of the tests): long tasks on the main thread while a 100,000-word story is
# shown and its entities highlighted. Builds the release reader if needed and serves it on :8091.
# Usage: scripts/bench-long-tasks.sh [WORDS] [--cpu RATE]   (--cpu 4: Lighthouse's slow phone)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
[ -f dist/index.html ] || scripts/build.sh
nginx_start dist 8091
trap 'nginx_stop 8091; rm -f dist/articles/bench-long-read.json' EXIT
node bench/long-tasks.mjs http://127.0.0.1:8091 dist "${1:-100000}" "${@:2}"
