#!/usr/bin/env bash
# The suite on one machine: ask `doctor` which backends can run here, then run the bench and the study on every
# one of them, into <results>/<machine>/. A folder a stopped suite left behind is resumed, not started over.
#
# Usage: scripts/run-suite.sh [--machine NAME] [--preset smoke|quick|full] [--backends auto|B,...]
#                             [--results DIR] [--no-build] [--help]
#   --machine   the folder name (default: host name and GPU model)
#   --preset    bench and study preset (default quick)
#   --backends  auto (default): every backend `doctor` finds runnable; or a list (ND4J ones also run the study)
#   --results   where the machine folders go (default results/)
#   --no-build  use target/ as it is (the Slurm suite builds once, before its tasks start); otherwise it builds
#               with cpu-builds and the GPU profiles scripts/gpu-profiles.sh finds this machine's GPUs can use
#   --help      this text
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage="usage: scripts/run-suite.sh [--machine NAME] [--preset smoke|quick|full] [--backends auto|B,...]"
usage+=" [--results DIR] [--no-build] [--help]"
# A flag given without its value gets one usage line and exit 2, not set -u's "$2: unbound variable", and the
# next flag is not taken for the value.
need_value() {
  if (( $# < 2 )) || [[ "$2" == --* ]]; then
    echo "run-suite.sh: $1 needs a value; $usage" >&2
    exit 2
  fi
}
machine="" preset=quick backends=auto results=results build=1
while (( $# )); do
  case "$1" in
    --machine) need_value "$@"; machine="$2"; shift 2 ;;
    --preset) need_value "$@"; preset="$2"; shift 2 ;;
    --backends) need_value "$@"; backends="$2"; shift 2 ;;
    --results) need_value "$@"; results="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --help) sed -n '2,/^set -euo/ s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run-suite.sh: unknown argument '$1'; $usage" >&2; exit 2 ;;
  esac
done
if [[ -z "$machine" ]]; then
  gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1 || true)"
  machine="$(echo "$(hostname)${gpu:+-$gpu}" | tr 'A-Z ' 'a-z-' | tr -cd 'a-z0-9._-')"
fi
out="$results/$machine"
mkdir -p "$out"

if (( build )); then
  # only the GPU stacks this machine's GPUs can run: each is GBs, and ND4J's CUDA build cannot run on sm_90+
  profiles="$(scripts/gpu-profiles.sh --with-cpu-builds)"
  echo "layerbench suite: building with -P$profiles ..." >&2
  mvn -B -q -P"$profiles" -DskipTests package
fi

# The parent JVM stays on ND4J's CPU backend (ND4J's CUDA build cannot even load on sm_90+); each child JVM
# is given the backend it measures.
export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
lb() { java ${LAYERBENCH_JAVA_OPTS:-} -jar target/layerbench.jar "$@"; }

lb doctor | tee "$out/doctor.txt"
lb doctor --json > "$out/doctor.json"
lb env --json > "$out/env.json"
if [[ "$backends" == auto ]]; then
  runnable="$(awk '$2 == "ok" { print $1 }' "$out/doctor.txt" | paste -sd, -)"
else
  runnable="$backends"
fi
nd4j_runnable="$(tr ',' '\n' <<< "$runnable" | grep -v '^pytorch' | paste -sd, - || true)"

# A folder with a journal is a suite stopped halfway (a failed task, a time limit): go on from there.
run() {
  local command="$1" dir="$2"; shift 2
  if [[ -f "$dir/timing.jsonl" || -f "$dir/runs.jsonl" ]]; then
    lb "$command" --resume "$dir"
  else
    lb "$command" "$@" --out "$dir"
  fi
}
if [[ -n "$runnable" ]]; then
  run bench "$out/bench-$preset" --preset "$preset" --backends "$runnable"
fi
if [[ -n "$nd4j_runnable" ]]; then
  run study "$out/study-$preset" --preset "$preset" --backends "$nd4j_runnable"
fi
echo "layerbench suite: wrote $out/ (doctor, env, bench-$preset, study-$preset); backends run: ${runnable:-none}"
