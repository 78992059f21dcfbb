#!/usr/bin/env bash
# Lede's one set-up path, used by both README commands and by CI.
# Installs what the build and the tests need, skipping whatever is already there, so running it
# again costs seconds. Prints each step and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

setup_start=$SECONDS

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  ok "already installed"
else
  rustup target add wasm32-unknown-unknown
fi
done_step

step "Debian packages (chromium, chromium-driver, nginx and its brotli_static module, brotli, nodejs)"
missing=()
# libnginx-mod-http-brotli-static: nginx serves the build's .br copies (deploy/nginx.conf).
for pkg in chromium chromium-driver brotli libnginx-mod-http-brotli-static; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  ok "already installed"
fi
done_step

step "Debian packages for the cross-engine smoke suite (firefox-esr, webkit2gtk-driver, xvfb, xauth)"
# Firefox ESR and WebKitGTK's WebKitWebDriver + MiniBrowser for tests/engines; xvfb-run (and the
# xauth it needs, only recommended by xvfb) gives MiniBrowser a display.
missing=()
for pkg in firefox-esr webkit2gtk-driver xvfb xauth; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  ok "already installed"
fi
done_step

step "geckodriver (Firefox's WebDriver server)"
if command -v geckodriver >/dev/null 2>&1; then
  ok "already installed ($(geckodriver --version 2>/dev/null | sed -n 1p))"
else
  cargo install --locked geckodriver --version 0.37.1
fi
done_step

step "trunk 0.21.14"
if trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  ok "already installed"
else
  # Trunk's own release profile uses fat LTO (~15 min on 2 cores); thin settings halve that.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    cargo install --locked trunk --version 0.21.14
fi
done_step

wasm_bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
step "wasm-bindgen-cli $wasm_bindgen_version (the version in Cargo.lock)"
if wasm-bindgen --version 2>/dev/null | grep -q " $wasm_bindgen_version\$"; then
  ok "already installed"
else
  # Without --locked: its lockfile pins crates that no longer build on this toolchain.
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi
done_step

step "npm dev tools (Playwright, WebdriverIO, binaryen) from package-lock.json"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.lede-lock-hash ] && [ "$(cat node_modules/.lede-lock-hash)" = "$lock_hash" ]; then
  ok "already installed"
else
  # Playwright drives Debian's Chromium; it must never download a browser of its own.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.lede-lock-hash
fi
done_step

step "Share cards and link-preview checks (fonts-dejavu-core; extruct in .lede/unfurl-venv)"
# The cards are set in DejaVu, loaded by path (never the machine's font list), so they come out
# the same everywhere. extruct (PyPI) is one of the unfurlers tests/e2e/unfurl.spec.ts runs.
missing=()
for pkg in fonts-dejavu-core python3-venv; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
req_hash=$(sha256sum tests/e2e/unfurl-requirements.txt | cut -d' ' -f1)
if [ -f .lede/unfurl-venv/.lede-req-hash ] && [ "$(cat .lede/unfurl-venv/.lede-req-hash)" = "$req_hash" ]; then
  ok "already installed"
else
  python3 -m venv .lede/unfurl-venv
  .lede/unfurl-venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/unfurl-requirements.txt
  echo "$req_hash" > .lede/unfurl-venv/.lede-req-hash
fi
done_step

step "Rust crates (cargo fetch, so Trunk can build offline)"
cargo fetch --quiet
done_step

printf '\nSet-up finished in %ss.\n' "$((SECONDS - setup_start))"
