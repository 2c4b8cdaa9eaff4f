#!/usr/bin/env bash
# Fuzzes each input reader of layerbench with Jazzer for a while, one target at a time, and fails on any finding.
#
#   scripts/fuzz.sh [seconds-per-target]     (default 10; CI runs scripts/fuzz.sh 10)
#
# A plain `mvn test` only replays the committed inputs in src/test/resources/dev/layerbench/fuzz/<Class>Inputs/;
# JAZZER_FUZZ=1 makes Jazzer mutate them, guided by coverage of dev.layerbench and of the parsers it calls
# (Jackson, Commons CSV). A finding — any exception from a reader other than BadInputException — fails that test
# and Jazzer writes the input that caused it as crash-<sha1> into the target's Inputs directory, where the next
# `mvn test` replays it. Keep it there once the reader is fixed (renamed to say what it is): it is now a
# regression test. The corpus each run grows goes to .cifuzz-corpus/ (ignored by git) and seeds the next run.
# Logs: target/fuzz/<Class>#<method>.log. Maven runs offline (-o): run `mvn test` once first on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: seconds per target must be a whole number above 0, not '$seconds'." >&2
  exit 2
fi

targets=(
  IdxReaderFuzzTest#images
  IdxReaderFuzzTest#labels
  CsvReaderFuzzTest#csv
  ResultJsonFuzzTest#timing
  ResultJsonFuzzTest#study
  ResultJsonFuzzTest#journal
  ResultJsonFuzzTest#studyJournal
)
inputs=src/test/resources/dev/layerbench/fuzz
logs=target/fuzz
mkdir -p "$logs"

# libFuzzer's artifact prefixes: what a finding leaves behind.
findings() {
  find "$inputs" . -maxdepth 3 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
    -o -name 'leak-*' -o -name 'slow-unit-*' \) 2>/dev/null | sort -u
}

mvn -B -o -q test-compile
before=$(findings)
failed=()
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  echo "== $target: fuzzing for ${seconds}s"
  # jazzer.internal.arg.* are libFuzzer's arguments (the first is argv[0]); ours come after the @FuzzTest
  # maxDuration's -max_total_time, and libFuzzer takes the last. jazzer.instrument widens coverage
  # instrumentation from our classes to the parsers underneath them.
  rc=0
  JAZZER_FUZZ=1 timeout $((seconds + 600)) mvn -B -o test -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest="$target" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
    -Djazzer.instrument='dev.layerbench.**,com.fasterxml.jackson.**,org.apache.commons.csv.**' \
    >"$log" 2>&1 || rc=$?
  # libFuzzer's last status line and its run count, e.g. "#81920 DONE cov: 812 ft: 2301 corp: 97/9Kb ...".
  grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true
  grep -aE '^Done [0-9]+ runs' "$log" | tail -1 || true
  if (( rc != 0 )); then
    failed+=("$target")
    echo "!! $target failed (exit $rc); the finding, from $log:" >&2
    # The exception and where it left the reader (the "Caused by" trace), else the end of the log.
    grep -aE -A12 '^Caused by: ' "$log" | head -40 >&2 || tail -60 "$log" >&2
  fi
done

new=$(comm -13 <(echo "$before") <(findings) | sed '/^$/d')
if [[ -n $new ]]; then
  echo "fuzz.sh: reproducers of findings were written to:" >&2
  echo "$new" | sed 's/^/  /' >&2
fi
if (( ${#failed[@]} )) || [[ -n $new ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]:-(see reproducers above)}. Replay with: mvn -B -o test -Dtest='<Class>#<method>'" >&2
  exit 1
fi
echo "fuzz.sh: no findings in ${#targets[@]} targets × ${seconds}s."
