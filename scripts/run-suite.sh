#!/usr/bin/env bash
# The suite on one machine: ask `doctor` which backends can run here, then run the bench and the study on every
# one of them, into <results>/<machine>/. A folder a stopped suite left behind is resumed, not started over.
#
# Usage: scripts/run-suite.sh [--machine NAME] [--preset smoke|quick|full] [--backends auto|B,...]
#                             [--results DIR] [--no-build]
#   --machine   the folder name (default: host name and GPU model)
#   --preset    bench and study preset (default quick)
#   --backends  auto (default): every backend `doctor` finds runnable; or a list (ND4J ones also run the study)
#   --results   where the machine folders go (default results/)
#   --no-build  use target/ as it is (the Slurm suite builds once, before its tasks start)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

machine="" preset=quick backends=auto results=results build=1
while (( $# )); do
  case "$1" in
    --machine) machine="$2"; shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --backends) backends="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "run-suite.sh: unknown argument '$1' (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
if [[ -z "$machine" ]]; then
  gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1 || true)"
  machine="$(echo "$(hostname)${gpu:+-$gpu}" | tr 'A-Z ' 'a-z-' | tr -cd 'a-z0-9._-')"
fi
out="$results/$machine"
mkdir -p "$out"

if (( build )); then
  echo "layerbench suite: building with -Pcuda,cpu-builds ..." >&2
  mvn -B -q -Pcuda,cpu-builds -DskipTests package
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
