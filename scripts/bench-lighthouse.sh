#!/usr/bin/env bash
# Benchmark (not part of the tests): Lighthouse 12 on the release build behind nginx, mobile and
# desktop, on the front page, the seed story, and the seed story with a full-size photograph in
# place of its placeholder drawing, each beside its floor (the same page with every script and
# preload removed, on the same nginx). Prints median and min–max over RUNS runs (default 3) and
# Lede's ratio to the floor. LH_PAGES / LH_FORMS pick a subset (see bench/lighthouse.mjs).
# Serves copies of dist/ on :8102 (as built), :8103 (with the photograph) and their floors on
# :8104 and :8105; dist/ is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
[ -f dist/index.html ] || scripts/build.sh
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
runs=${1:-3}
work=$(mktemp -d /tmp/lede-lighthouse.XXXXXX)
chmod 755 "$work" # mktemp makes it 0700; the nginx workers must read it
cp -r dist "$work/dist"
cp -r dist "$work/photo"
# The photograph: a 2400×1350 JPEG in place of the placeholder drawing. The story refers to an
# .svg, which a browser would not decode as a JPEG, so the copy's story (pre-rendered page and
# JSON) is pointed at the .jpg instead; width, height and alt are unchanged (same 16:9 ratio).
node bench/lighthouse.mjs --make-photo "$work/photo/images/barda-photo.jpg"
slug=un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh
sed -i 's#/images/barda-placeholder.svg#/images/barda-photo.jpg#g' \
  "$work/photo/article/$slug/index.html" "$work/photo/articles/$slug.json"
# Their pre-compressed copies are now stale: without them nginx compresses on the fly.
rm -f "$work/photo/article/$slug/index.html".{br,gz} "$work/photo/articles/$slug.json".{br,gz}
# The floor: the same two sites with every script and preload removed from every page (what the
# pre-rendered HTML and CSS alone cost on this server).
for site in dist photo; do
  cp -r "$work/$site" "$work/$site-floor"
  find "$work/$site-floor" -name '*.html' -print0 | xargs -0 perl -0pi -e \
    's#<script\b[^>]*>.*?</script>##gs; s#<link\b[^>]*rel="(?:module)?preload"[^>]*>##g'
  find "$work/$site-floor" \( -name '*.html.br' -o -name '*.html.gz' \) -delete
done
nginx_start "$work/dist" 8102
nginx_start "$work/photo" 8103
nginx_start "$work/dist-floor" 8104
nginx_start "$work/photo-floor" 8105
trap 'nginx_stop 8102; nginx_stop 8103; nginx_stop 8104; nginx_stop 8105; rm -rf "$work"' EXIT
LH_FLOOR=http://127.0.0.1:8104,http://127.0.0.1:8105 node bench/lighthouse.mjs http://127.0.0.1:8102 http://127.0.0.1:8103 "$runs" "${LH_OUT:-/tmp/lede-lighthouse-reports}"
