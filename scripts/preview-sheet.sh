#!/usr/bin/env bash
# A picture of the link previews: serves the built site (dist/, from scripts/build.sh) with nginx
# on 127.0.0.1:${LEDE_TEST_PORT:-8090}, reads every story's page as a chat app would
# (open-graph-scraper) and screenshots the previews in headless Chromium.
# Usage: scripts/preview-sheet.sh [OUT.png]   (default docs/screenshots/previews.png)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
out=${1:-docs/screenshots/previews.png}
port=${LEDE_TEST_PORT:-8090}
[ -f dist/feed.json ] || { echo "no dist/feed.json: run scripts/build.sh first" >&2; exit 1; }
step "Preview sheet of every story's link into $out"
nginx_start dist "$port"
trap 'nginx_stop '"$port" EXIT
node scripts/preview-sheet.mjs "http://127.0.0.1:$port" "$out"
done_step
