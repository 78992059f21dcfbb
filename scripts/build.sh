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
cargo run --quiet --profile build-tools -p lede-site -- check public/articles
cargo run --quiet --profile build-tools -p lede-site -- feed public/articles --out public/feed.json
# The archive index (every story's entities) and the Atom feed beside the JSON Feed. The native
# tools run under the `build-tools` profile (opt-level 3, Cargo.toml); the index keeps each story's
# analysis in target/lede-cache, so only new and changed stories go through the recogniser.
cargo run --quiet --profile build-tools -p lede-site -- index public/articles --out public/index.json --cache target/lede-cache --no-size
cargo run --quiet --profile build-tools -p lede-site -- atom public/articles --out public/feed.atom
done_step

step "Build the reader (trunk build --release), pre-render its pages, write its service worker"
trunk build --release
# The reader's components rendered natively to HTML: every story's address, and the front page.
# (--cache: incremental when dist/ holds an earlier build; after `trunk build` it renders them all.)
cargo run --quiet --profile build-tools --no-default-features --features ssr --bin lede-prerender -- --dist dist --articles public/articles --cache target/lede-cache
# Every picture's renditions (WebP and the source's format, at the widths narrower than it) beside it in dist/.
cargo run --quiet --profile build-tools -p lede-site -- renditions public/articles --public public --out dist --cache target/lede-cache
# Every story's share cards (the raster pictures its page's og:image, JSON-LD and the feeds name).
cargo run --quiet --profile build-tools -p lede-site -- cards public/articles --public public --out dist
# Trunk's inline loader into a content-hashed file (before the service worker, so it is precached): no inline scripts for the CSP.
cargo run --quiet --profile build-tools -p lede-site -- scripts dist
cargo run --quiet --profile build-tools -p lede-site -- service-worker dist
cargo run --quiet --profile build-tools -p lede-site -- sitemap public/articles --out dist
# Last: a brotli and a gzip copy of every text asset, which nginx sends as they are.
cargo run --quiet --profile build-tools -p lede-site -- compress dist
done_step
