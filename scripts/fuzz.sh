#!/usr/bin/env bash
# Fuzzing (not part of CI: needs nightly): runs each cargo-fuzz target in fuzz/ for a given time
# and prints executions, speed, corpus size and crashes per target. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     default 60
#   FUZZ_TARGETS="markup" scripts/fuzz.sh 600  only some targets
#
# The corpus grows in fuzz/corpus/<target>/ (only the seed-* files are committed); a crashing
# input lands in fuzz/artifacts/<target>/ and the script exits non-zero. Reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
# then keep it as a regression test (docs/fuzzing.md says where).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

seconds=${1:-60}
read -r -a targets <<< "${FUZZ_TARGETS:-article markup recogniser}"

step "Toolchain"
if ! cargo +nightly --version > /dev/null 2>&1; then
  echo "cargo-fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
fi
if ! cargo fuzz --version > /dev/null 2>&1; then
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi
ok "$(cargo +nightly --version), $(cargo fuzz --version)"

step "Build the targets (nightly, AddressSanitizer)"
(cd fuzz && cargo +nightly fuzz build)
done_step

mkdir -p fuzz/logs
rows=()
failed=0
for t in "${targets[@]}"; do
  step "Fuzz $t for ${seconds}s"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  extra=()
  case $t in
    article) extra=(-dict=article.dict) ;;
    recogniser) extra=(-max_len=2048) ;; # long inputs only slow it down; blocks are split on lines
  esac
  before=$(find "fuzz/artifacts/$t" -type f | sort)
  log="fuzz/logs/$t.log"
  status=ok
  # -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb: over 2 GB as a leak/blow-up.
  if ! (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}") > "$log" 2>&1; then
    status=FAILED
    failed=1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  new=$(comm -13 <(echo "$before") <(find "fuzz/artifacts/$t" -type f | sort) | sed '/^$/d')
  crashes=$(echo -n "$new" | grep -c . || true)
  rows+=("$(printf '%-12s %12s %8s %8s %8s  %s' "$t" "${runs:-?}" "${speed:-?}" "$corpus" "$crashes" "$status")")
  if [ -n "$new" ]; then
    echo "$new" | sed 's/^/    crash: /'
    grep -m1 -A3 -E "panicked|ERROR: (AddressSanitizer|libFuzzer)" "$log" | sed 's/^/    /' || true
  fi
  ok "log: $log"
done

step "Summary (${seconds}s per target)"
printf '%-12s %12s %8s %8s %8s  %s\n' target executions exec/s corpus crashes status
printf '%s\n' "${rows[@]}"
exit "$failed"
