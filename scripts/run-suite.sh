#!/usr/bin/env bash
# The GPU-machine suite in one command: build with the cuda profile (and the other CPU builds), ask `doctor`
# which backends can run here, then run the quick bench and study on every one of them, into
# results/<machine>/. Usage: scripts/run-suite.sh [machine-name]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

gpu="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1 || true)"
default_name="$(hostname)${gpu:+-$gpu}"
machine="${1:-$(echo "$default_name" | tr 'A-Z ' 'a-z-' | tr -cd 'a-z0-9._-')}"
out="results/$machine"
mkdir -p "$out"

echo "layerbench suite: building with -Pcuda,cpu-builds ..." >&2
mvn -B -q -Pcuda,cpu-builds -DskipTests package

# The parent JVM stays on ND4J's CPU backend (ND4J's CUDA build cannot even load on sm_90+); each child JVM
# is given the backend it measures.
export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
lb() { java ${LAYERBENCH_JAVA_OPTS:-} -jar target/layerbench.jar "$@"; }

lb doctor | tee "$out/doctor.txt"
lb doctor --json > "$out/doctor.json"
runnable="$(awk '$2 == "ok" { print $1 }' "$out/doctor.txt" | paste -sd, -)"
nd4j_runnable="$(awk '$2 == "ok" && $1 !~ /^pytorch/ { print $1 }' "$out/doctor.txt" | paste -sd, -)"
lb env --json > "$out/env.json"

if [[ -n "$runnable" ]]; then
  lb bench --preset quick --backends "$runnable" --out "$out/bench-quick"
fi
if [[ -n "$nd4j_runnable" ]]; then
  lb study --preset quick --backends "$nd4j_runnable" --out "$out/study-quick"
fi
echo "layerbench suite: wrote $out/ (doctor, env, bench-quick, study-quick); backends run: ${runnable:-none}"
