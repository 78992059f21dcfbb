#!/usr/bin/env bash
# Benchmark (not part of the tests): Lighthouse 12 on the release build behind nginx, mobile and
# desktop, on the front page, the seed story and the story with a photograph (the Russian sample:
# a 2400×1600 JPEG and its renditions), each beside its floor (the same page with every script and
# preload removed, on the same nginx), and the photograph story with one size for every screen
# (renditions removed: what it cost before them). Prints median and min–max over RUNS runs
# (default 3) and Lede's ratio to the floor. LH_PAGES / LH_FORMS pick a subset (see
# bench/lighthouse.mjs). Serves copies of dist/ on :8102 (as built), :8103 (one size) and :8104
# (the floor); dist/ is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
[ -f dist/index.html ] || scripts/build.sh
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
runs=${1:-3}
work=$(mktemp -d /tmp/lede-lighthouse.XXXXXX)
chmod 755 "$work" # mktemp makes it 0700; the nginx workers must read it
cp -r dist "$work/dist"
# The photograph story as it was before renditions: its pre-rendered page without the <source>
# and the srcset, so every screen downloads the 2400×1600 original (measured beside the real one;
# the app, once it takes over, renders the <picture> again, after the LCP).
cp -r dist "$work/one-size"
page="$work/one-size/article/armenia-azerbaijan-moscow-talks-ru/index.html"
perl -0pi -e 's#<source\b[^>]*>##g; s#\s(?:srcset|sizes)="[^"]*"##g' "$page"
rm -f "$page".br "$page".gz
# The floor: the same site with every script and preload removed from every page (what the
# pre-rendered HTML and CSS alone cost on this server).
cp -r dist "$work/floor"
find "$work/floor" -name '*.html' -print0 | xargs -0 perl -0pi -e \
  's#<script\b[^>]*>.*?</script>##gs; s#<link\b[^>]*rel="(?:module)?preload"[^>]*>##g'
find "$work/floor" \( -name '*.html.br' -o -name '*.html.gz' \) -delete
nginx_start "$work/dist" 8102
nginx_start "$work/one-size" 8103
nginx_start "$work/floor" 8104
trap 'nginx_stop 8102; nginx_stop 8103; nginx_stop 8104; rm -rf "$work"' EXIT
LH_FLOOR=http://127.0.0.1:8104 node bench/lighthouse.mjs http://127.0.0.1:8102 http://127.0.0.1:8103 "$runs" "${LH_OUT:-/tmp/lede-lighthouse-reports}"
