#!/usr/bin/env bash
# README command 1: set up, build, and serve the reader with the sample articles at
# http://127.0.0.1:8080 behind nginx with the project's own config. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/lib.sh
port=${LEDE_PORT:-8080}
printf '\nLede is being served at http://127.0.0.1:%s (Ctrl-C to stop)\n' "$port"
nginx_start dist "$port" foreground
