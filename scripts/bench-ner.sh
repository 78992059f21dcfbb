#!/usr/bin/env bash
# Benchmark (not part of the tests): the recogniser's throughput natively and in WebAssembly in
# headless Chromium, next to compromise.js in the same browser on the same text.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
step "Native (lede-ner bench, release)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run --quiet --release -p lede-ner --bin lede-ner -- bench
step "WebAssembly in headless Chromium, with compromise.js"
cargo build --quiet --release --manifest-path crates/lede-ner/bench-wasm/Cargo.toml \
  --target wasm32-unknown-unknown --target-dir target/bench-wasm
node bench/ner-browser.mjs target/bench-wasm/wasm32-unknown-unknown/release/lede_ner_bench_wasm.wasm "${1:-3}"
# What readers get: the worker Trunk built into dist/ (release profile: the app at "z", lede-ner at
# opt-level 3), through its own entry point. Build the reader first (scripts/build.sh).
if [[ -f dist/lede-ner-worker_loader.js ]]; then
  step "The shipped worker from dist/ in headless Chromium, with compromise.js"
  node bench/ner-worker.mjs dist "${1:-3}"
else
  echo "dist/ has no lede-ner-worker_loader.js: run scripts/build.sh to measure the shipped worker too" >&2
fi
