#!/usr/bin/env bash
# Benchmark (not part of the tests): the recogniser's throughput as readers get it — the worker wasm
# Trunk built into dist/ (its own profile, [profile.worker-release]), driven through its own entry
# point in headless Chromium — next to compromise.js in the same browser, same text, same run.
#
#   scripts/bench-ner.sh [ROUNDS]        native figures, then the shipped worker from dist/
#   scripts/bench-ner.sh --lab [ROUNDS]  also the bench-wasm lab build (its own workspace at
#                                        opt-level 3, tagger and greedy figures; not what ships)
#
# dist/ must hold a release build (scripts/build.sh, or `trunk build --release`): the script fails
# rather than measure something else.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
lab=0
if [[ "${1:-}" == "--lab" ]]; then
  lab=1
  shift
fi
rounds="${1:-3}"
if [[ ! -f dist/lede-ner-worker_loader.js ]]; then
  echo "dist/ has no lede-ner-worker_loader.js: build the reader first (scripts/build.sh or trunk build --release)" >&2
  exit 2
fi
worker_wasm=$(ls dist/lede-ner-worker*_bg.wasm 2>/dev/null | head -n1 || true)
step "Native (lede-ner bench, build-tools profile: opt-level 3)"
cargo run --quiet --profile build-tools -p lede-ner --bin lede-ner -- bench
step "The shipped worker from dist/ in headless Chromium, with compromise.js"
if [[ -n "$worker_wasm" ]]; then
  echo "worker wasm: $worker_wasm, $(stat -c %s "$worker_wasm") bytes raw, $(brotli -q 11 -c "$worker_wasm" | wc -c) bytes brotli"
fi
node bench/ner-worker.mjs dist "$rounds"
if [[ $lab == 1 ]]; then
  step "Lab build (crates/lede-ner/bench-wasm, opt-level 3; not what ships) in headless Chromium, with compromise.js"
  cargo build --quiet --release --manifest-path crates/lede-ner/bench-wasm/Cargo.toml \
    --target wasm32-unknown-unknown --target-dir target/bench-wasm
  node bench/ner-browser.mjs target/bench-wasm/wasm32-unknown-unknown/release/lede_ner_bench_wasm.wasm "$rounds"
fi
