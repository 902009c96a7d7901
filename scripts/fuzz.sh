#!/usr/bin/env bash
# make fuzz: coverage-guided fuzzing (libFuzzer) of the XML reader, the zip reader and the WQL
# parser. Builds tsfuzz with -sanitize=fuzzer,address -DTSFUZZ in its own scratch path
# (.build-fuzz, never part of `make test`), seeds each target from Tests/Fixtures, runs each for
# FUZZ_SECONDS (default 60) and prints its figures; FUZZ_TARGETS picks targets, and
# FUZZ_CONFIGURATION (default release) the build. Exits 1 when a target crashed or timed out:
# the input is in .build-fuzz/artifacts/<target>/ (cleared each run); fix the code, then keep
# the input under Tests/Fixtures/fuzz-regressions/<target>/ with a test that replays it.
#   FUZZ_SECONDS=300 FUZZ_TARGETS="xml wql" make fuzz
set -uo pipefail

SWIFT=${SWIFT:-swift}
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"xml zip wql"}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
configuration=${FUZZ_CONFIGURATION:-release}
work="$scratch/fuzz"

"$SWIFT" build -c "$configuration" --scratch-path "$scratch" --product tsfuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DTSFUZZ || exit 2
binary="$("$SWIFT" build -c "$configuration" --scratch-path "$scratch" --show-bin-path)/tsfuzz"

# Seeds: the real files for xml, the container zips for zip, the WQL the tests use for wql.
seed() {
  local target=$1 dir="$work/seeds/$1"
  rm -rf "$dir"; mkdir -p "$dir"
  case $target in
    xml) cp Tests/Fixtures/realworld/*.xml Tests/Fixtures/realworld/derived/*.xml Tests/Fixtures/malformed/*.xml "$dir/" ;;
    zip) cp Tests/Fixtures/containers/*.zip "$dir/" ;;
    wql)
      local n=0
      grep -rhoE '"SELECT [^"\\]*"' Tests Sources | sort -u | sed 's/^"//; s/"$//' | while IFS= read -r query; do
        n=$((n + 1)); printf '%s' "$query" > "$dir/query-$n.wql"
      done ;;
  esac
  if [ -d "Tests/Fixtures/fuzz-regressions/$target" ]; then cp Tests/Fixtures/fuzz-regressions/"$target"/* "$dir/" 2>/dev/null; fi
}

status=0
summary=()
for target in $targets; do
  seed "$target"
  corpus="$work/corpus/$target"; artifacts="$scratch/artifacts/$target"
  rm -rf "$artifacts"; mkdir -p "$corpus" "$artifacts"
  log="$work/$target.log"
  case $target in xml) max_len=131072 ;; zip) max_len=65536 ;; *) max_len=4096 ;; esac
  echo "fuzz: $target for ${seconds}s (seeds $(ls "$work/seeds/$target" | wc -l), log $log)"
  TSFUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len="$max_len" -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$work/seeds/$target" > "$log" 2>&1
  code=$?
  execs=$(grep -oE 'stat::number_of_executed_units:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  rate=$(grep -oE 'stat::average_exec_per_sec:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  found=$(ls "$artifacts" 2>/dev/null | wc -l)
  line="$target: ${execs:-0} execs, ${rate:-0} execs/s, ${cov:-no coverage line}, exit $code, $found crash/timeout inputs in $artifacts"
  summary+=("$line")
  if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    grep -E -A12 '^==[0-9]+==ERROR|deadly signal|Fatal error|ALARM|out-of-memory' "$log" | head -40
  fi
done

echo
echo "fuzz summary (${seconds}s per target)"
for line in "${summary[@]}"; do echo "  $line"; done
[ $status -eq 0 ] && echo "fuzz: no crashes" || echo "fuzz: FAILED (inputs above; keep each under Tests/Fixtures/fuzz-regressions/<target>/ once fixed)"
exit $status
