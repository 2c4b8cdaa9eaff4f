#!/usr/bin/env bash
# The first thing to run on a new GPU machine: does every GPU code path of layerbench work on this GPU? One PASS or
# FAIL line per path and backend, in under 8 minutes; nothing is kept but the logs. No line can pass without a
# GPU: with none, it says so and exits 1.
#
# Usage: scripts/gpu-selftest.sh [--help]
# It runs target/layerbench.jar as built, so build it first with this machine's GPU profiles:
#   mvn -B -P"$(scripts/gpu-profiles.sh --with-cpu-builds)" -DskipTests package
#
# For each GPU backend this GPU can run (cuda: ND4J CUDA 11.6; pytorch-cuda: PyTorch 2.4 for CUDA 12.4; the one
# scripts/gpu-profiles.sh leaves out gets a SKIP line saying why):
#   loaded       `layerbench doctor` loads the GPU backend itself, not a CPU fallback, and names its device
#   correctness  forward, loss and gradients in float32 on the GPU equal float64 ones computed on the CPU within
#                1e-4 relative to each array's largest value: float32 rounding stays below that by a factor
#                of 10 or more, TF32 (tensor cores' reduced-precision float32) exceeds it several times
#                (`layerbench gpu-check`; the reasoning is at GpuCheckCommand.RELATIVE_TOLERANCE)
#   timing       twice the FLOPs takes at least 1.6 times as long, for synchronised train steps and for backward
#                passes: a clock read before the device finished would see about 1 time as long
#   gpu-name     the device string every result row carries (doctor's) contains the GPU's name from nvidia-smi
# Exits 0 when every line that ran passed, 1 otherwise. Logs: target/gpu-selftest/.
# NVIDIA_SMI names the nvidia-smi to ask (default: the one on PATH); the tests put a fake there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

while (( $# )); do
  case "$1" in
    --help) sed -n '2,/^set -euo/ s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "gpu-selftest.sh: unknown argument '$1'; usage: scripts/gpu-selftest.sh [--help]" >&2; exit 2 ;;
  esac
done

export NVIDIA_SMI="${NVIDIA_SMI:-nvidia-smi}"   # gpu-profiles.sh asks the same one
no_gpu() {
  echo "FAIL no GPU: nothing can pass ($1)"
  exit 1
}
command -v "$NVIDIA_SMI" > /dev/null || no_gpu "no $NVIDIA_SMI on this machine"
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
if ! names="$(timeout 60 "$NVIDIA_SMI" --query-gpu=name --format=csv,noheader 2> "$errors")"; then
  no_gpu "$NVIDIA_SMI failed: $(cat "$errors" - <<< "$names" | sed '/^[[:space:]]*$/d' | head -n 1)"
fi
names="$(tr -d '\r' <<< "$names" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//; /^$/d')"
[[ -n "$names" ]] || no_gpu "$NVIDIA_SMI lists no GPU"

logs="$root/target/gpu-selftest"
mkdir -p "$logs"
profiles="$(scripts/gpu-profiles.sh 2> "$logs/gpu-profiles.err")"
if [[ ! -f target/layerbench.jar ]]; then
  echo "FAIL build: no target/layerbench.jar; build it with: mvn -B -P$profiles -DskipTests package"
  exit 1
fi

# As in run-suite.sh: the parent JVM stays on ND4J's CPU backend, each child JVM gets the backend it checks.
export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0
source "$root/scripts/native-env.sh"
# The limits add up to 7 minutes; a first CUDA start takes seconds, a check well under a minute.
lb() {
  local seconds="$1"; shift
  timeout "$seconds" java ${LAYERBENCH_JAVA_OPTS:-} -jar target/layerbench.jar "$@"
}

passed=0 failed=0 skipped=0
verdict() {
  echo "$*"
  case "$1" in
    PASS) passed=$(( passed + 1 )) ;;
    FAIL) failed=$(( failed + 1 )) ;;
    SKIP) skipped=$(( skipped + 1 )) ;;
  esac
}

# One field of one backend in doctor --json (Jackson's indented output: one "name" : value per line, "backend"
# first in each object), unquoted.
doctor_field() {
  awk -v backend="$1" -v field="$2" '
    function value(line) {
      sub(/^[[:space:]]*"[a-z]+" : /, "", line)
      sub(/,$/, "", line)
      if (line ~ /^".*"$/) line = substr(line, 2, length(line) - 2)
      gsub(/\\"/, "\"", line)
      gsub(/\\\\/, "\\", line)
      return line
    }
    /^[[:space:]]*"backend" : / { current = value($0) }
    current == backend && $0 ~ "^[[:space:]]*\"" field "\" : " { print value($0); exit }
  ' "$logs/doctor.json"
}

if ! lb 120 doctor --json > "$logs/doctor.json" 2> "$logs/doctor.log"; then
  echo "gpu-selftest: layerbench doctor failed; its log, $logs/doctor.log, ends:" >&2
  tail -n 5 "$logs/doctor.log" >&2
fi

for backend in cuda pytorch-cuda; do
  profile="$backend"
  [[ "$backend" == cuda ]] && profile=nd4j-cuda
  if [[ ",$profiles," != *",$profile,"* ]]; then
    why="$(grep -m 1 "$profile" "$logs/gpu-profiles.err" || echo "gpu-profiles.sh does not list $profile")"
    verdict SKIP "$backend (every path): ${why#gpu-profiles.sh: }"
    continue
  fi

  runs="$(doctor_field "$backend" runs)"
  device="$(doctor_field "$backend" device)"
  if [[ "$runs" == true && -n "$device" ]]; then
    verdict PASS "loaded $backend: $device"
  else
    detail="$(doctor_field "$backend" detail)"
    verdict FAIL "loaded $backend: ${detail:-doctor gave no answer (log: $logs/doctor.log)}"
  fi

  out="$logs/gpu-check-$backend.out" log="$logs/gpu-check-$backend.log"
  lb 150 gpu-check --backend "$backend" > "$out" 2> "$log" || true
  for check in correctness timing; do
    line="$(grep -E -m 1 "^(PASS|FAIL) $check " "$out" || true)"
    if [[ -n "$line" ]]; then
      verdict "${line%% *}" "${line#* }"   # the verdict word apart, or it is neither counted nor failed
    else
      verdict FAIL "$check $backend: not checked: $(sed '/^[[:space:]]*$/d' "$log" | head -n 1)" \
        "(log: $log)"
    fi
  done

  name_found=""
  while IFS= read -r name; do
    if [[ -n "$device" && "$device" == *"$name"* ]]; then
      name_found="$name"
    fi
  done <<< "$names"
  if [[ -n "$name_found" ]]; then
    verdict PASS "gpu-name $backend: the device string names $name_found"
  elif [[ -z "$device" ]]; then
    verdict FAIL "gpu-name $backend: no device string, the backend did not load"
  else
    verdict FAIL "gpu-name $backend: the device string '${device}' does not contain nvidia-smi's GPU name" \
      "($(paste -sd/ - <<< "$names"))"
  fi
done

echo "gpu-selftest: $passed passed, $failed failed, $skipped skipped; logs in $logs/"
(( failed == 0 && passed > 0 ))
