#!/usr/bin/env bash
# Builds the release reader into dist/: checks the articles, refreshes the feed, runs Trunk.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

step "Check articles, write the feed and the index of entity mentions"
cargo run --quiet --release -p lede-site -- check public/articles
cargo run --quiet --release -p lede-site -- feed public/articles --out public/feed.json
cargo run --quiet --release -p lede-site -- mentions public/articles --out public/entities.json
done_step

step "Build the reader (trunk build --release) and its service worker"
trunk build --release
cargo run --quiet --release -p lede-site -- service-worker dist
done_step
