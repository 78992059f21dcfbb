#!/usr/bin/env bash
# Builds the release reader into dist/: checks the articles, refreshes the feed and the mentions
# index, runs Trunk, pre-renders every story and the front page, then writes the service worker,
# robots.txt and the sitemap.
# LEDE_SITE_URL (default http://127.0.0.1:8080) is the site's public address, used for canonical
# links, the feed and the sitemap.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "Check articles, write the feeds and the archive index"
cargo run --quiet --release -p lede-site -- check public/articles
cargo run --quiet --release -p lede-site -- feed public/articles --out public/feed.json
# The archive index (every story's entities) and the Atom feed beside the JSON Feed.
cargo run --quiet --release -p lede-site -- index public/articles --out public/index.json
cargo run --quiet --release -p lede-site -- atom public/articles --out public/feed.atom
done_step

step "Build the reader (trunk build --release), pre-render its pages, write its service worker"
trunk build --release
# The reader's components rendered natively to HTML: every story's address, and the front page.
cargo run --quiet --no-default-features --features ssr --bin lede-prerender -- --dist dist --articles public/articles
# Every story's share cards (the raster pictures its page's og:image, JSON-LD and the feeds name).
cargo run --quiet --release -p lede-site -- cards public/articles --public public --out dist
# Trunk's inline loader into a content-hashed file (before the service worker, so it is precached): no inline scripts for the CSP.
cargo run --quiet --release -p lede-site -- scripts dist
cargo run --quiet --release -p lede-site -- service-worker dist
cargo run --quiet --release -p lede-site -- sitemap public/articles --out dist
done_step
