#!/usr/bin/env bash
# README command 2: set up and run every test — native, in-browser component tests, and
# end-to-end tests against the release build behind nginx. Exits non-zero if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/lib.sh
tests_start=$SECONDS
# The app budget's ratchet, KB brotli (see the size step below). Lower it as the app shrinks.
app_ratchet_kb=315

step "Gates: rustfmt and clippy (native, the reader's and the worker's wasm, the pre-renderer), warnings as errors"
cargo fmt --all --check
cargo clippy --workspace --exclude lede --exclude lede-worker --all-targets --quiet -- -D warnings
cargo clippy -p lede -p lede-worker --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
cargo clippy -p lede --no-default-features --features ssr --all-targets --quiet -- -D warnings
done_step

step "Native tests: article model, recogniser, site tools, the tidy test (cargo test)"
cargo test --workspace --exclude lede --exclude lede-worker
# The reader's own crate, natively: pre-rendering (feature ssr) and build-time formatting.
cargo test -p lede --no-default-features --features ssr --lib
done_step

step "Component tests in headless Chromium (wasm-bindgen-test)"
# wasm-bindgen-test-runner reads webdriver.json for Chromium's flags.
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p lede --target wasm32-unknown-unknown
done_step

scripts/build.sh

step "Size budgets (brotli): first paint, app, recogniser"
# The app's budget is 200 KB (issue #12 owns reaching it); until then a ratchet holds it at the
# figure it had when the gate was added, so it can only shrink.
cargo run --quiet --profile build-tools -p lede-site -- size dist --enforce --app-kb "$app_ratchet_kb"
done_step

step "End-to-end tests (Playwright, release build behind nginx)"
port=${LEDE_TEST_PORT:-8090}
nginx_start dist "$port"
trap 'nginx_stop '"$port" EXIT
LEDE_BASE_URL="http://127.0.0.1:$port" npx playwright test
done_step

# The same reader in Chromium and Firefox ESR over WebDriver (WebKit: scripts/test-webkit.sh).
scripts/test-engines.sh

printf '\nAll tests passed in %ss (after set-up).\n' "$((SECONDS - tests_start))"
