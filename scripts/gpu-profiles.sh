#!/usr/bin/env bash
# The Maven profiles this machine can use, on one line for -P (comma-separated), decided from nvidia-smi before
# anything is downloaded: each GPU stack is GBs of jars (README, "GPUs"), and ND4J's cannot run on every GPU.
#
# Usage: scripts/gpu-profiles.sh [--with-cpu-builds]
#   no nvidia-smi, or no GPU   prints nothing: the default build is CPU-only (a line on stderr says why)
#   a GPU                      pytorch-cuda (PyTorch 2.4 for CUDA 12.4, Hopper included), and nd4j-cuda when
#                              every GPU runs ND4J CUDA 11.6's machine code (sm_37…sm_86, no PTX; a line on stderr
#                              says why not)
#   --with-cpu-builds          adds cpu-builds (the other ND4J CPU builds), so the line is never empty
# NVIDIA_SMI names the nvidia-smi to ask (default: the one on PATH); the tests put a fake there.
set -euo pipefail

usage="usage: scripts/gpu-profiles.sh [--with-cpu-builds] [--help]"
cpu_builds=0
while (( $# )); do
  case "$1" in
    --with-cpu-builds) cpu_builds=1; shift ;;
    --help) sed -n '2,/^set -euo/ s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "gpu-profiles.sh: unknown argument '$1'; $usage" >&2; exit 2 ;;
  esac
done

# The cubins in libnd4jcuda.so of nd4j-cuda-11.6 1.0.0-M2.1, as CudaFatbin reads them (FatbinReaderTest pins the
# list). Machine code for sm_XY runs on capability X.Y and later minors of major X only (CUDA Programming Guide,
# "Binary Compatibility"; CudaCompatibility applies the same rule in doctor), and there is no PTX to fall back on.
nd4j_cubins=(37 50 52 60 61 70 75 80 86)

# "8.6" → 86, "12.0" → 120; the exit status says whether the text was a compute capability at all.
capability_number() {
  [[ "$1" =~ ^([0-9]{1,2})\.([0-9])$ ]] || return 1
  echo $(( 10#${BASH_REMATCH[1]} * 10 + 10#${BASH_REMATCH[2]} ))
}

nd4j_runs_on() {
  local device="$1" cubin
  for cubin in "${nd4j_cubins[@]}"; do
    if (( cubin / 10 == device / 10 && cubin <= device )); then
      return 0
    fi
  done
  return 1
}

# Asks nvidia-smi; on stdout the GPU profiles (possibly none), on stderr why a stack is left out.
gpu_profiles() {
  local smi="${NVIDIA_SMI:-nvidia-smi}" out capability number
  if ! command -v "$smi" > /dev/null; then
    echo "gpu-profiles.sh: no $smi on this machine: no GPU profile, CPU only" >&2
    return
  fi
  # a wedged driver can make nvidia-smi hang; a minute is far more than it ever needs
  local errors
  errors="$(mktemp)"
  if ! out="$(timeout 60 "$smi" --query-gpu=compute_cap --format=csv,noheader 2> "$errors")"; then
    echo "gpu-profiles.sh: $smi failed ($(cat "$errors" - <<< "$out" | sed '/^[[:space:]]*$/d' | head -n 1)):" \
      "no GPU profile, CPU only" >&2
    rm -f "$errors"
    return
  fi
  rm -f "$errors"
  out="$(tr -d '\r' <<< "$out" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//; /^$/d')"
  if [[ -z "$out" ]]; then
    echo "gpu-profiles.sh: $smi lists no GPU: no GPU profile, CPU only" >&2
    return
  fi
  local nd4j=1 gpu=0
  while IFS= read -r capability; do
    if ! number="$(capability_number "$capability")"; then
      echo "gpu-profiles.sh: $smi gave GPU $gpu's compute capability as '$capability', not major.minor:" \
        "nd4j-cuda left out" >&2
      nd4j=0
    elif ! nd4j_runs_on "$number"; then
      echo "gpu-profiles.sh: ND4J CUDA 11.6 has machine code for sm_37–sm_86 only; GPU $gpu is sm_$number:" \
        "nd4j-cuda left out" >&2
      nd4j=0
    fi
    gpu=$(( gpu + 1 ))
  done <<< "$out"
  if (( nd4j )); then
    echo nd4j-cuda
  fi
  echo pytorch-cuda
}

profiles="$(gpu_profiles)"
if (( cpu_builds )); then
  profiles="$profiles"$'\n'cpu-builds
fi
profiles="$(sed '/^$/d' <<< "$profiles" | paste -sd, -)"
if [[ -n "$profiles" ]]; then
  echo "$profiles"
fi
