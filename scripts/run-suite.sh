#!/usr/bin/env bash
# The suite on one machine, for batch jobs: build what this machine can run, then `layerbench suite --resume`
# (doctor, bench, study and the report on every backend doctor finds runnable) into <results>/<machine>/. A
# folder a stopped suite left behind is resumed, not started over. The Slurm tasks call this.
#
# Usage: scripts/run-suite.sh [--machine NAME] [--preset smoke|quick|full] [--backends auto|B,...]
#                             [--results DIR] [--no-build] [--help]
#   --machine   the folder name (default: suite's id from CPU model, cores, vector ISA and GPU)
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
if (( build )); then
  # only the GPU stacks this machine's GPUs can run: each is GBs, and ND4J's CUDA build cannot run on sm_90+
  profiles="$(scripts/gpu-profiles.sh --with-cpu-builds)"
  echo "layerbench suite: building with -P$profiles ..." >&2
  mvn -B -q -P"$profiles" -DskipTests package
fi

# The suite's own JVM stays on ND4J's CPU backend (ND4J's CUDA build cannot even load on sm_90+); each child JVM
# is given the backend it measures.
export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0
source "$root/scripts/native-env.sh"
args=(suite --resume --preset "$preset" --backends "$backends" --results "$results")
[[ -z "$machine" ]] || args+=(--machine "$machine")
exec java ${LAYERBENCH_JAVA_OPTS:-} -jar target/layerbench.jar "${args[@]}"
