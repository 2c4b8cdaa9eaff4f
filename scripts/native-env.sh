# Sourced by the launchers (scripts/layerbench, run-suite.sh, gpu-selftest.sh): environment variables that ND4J's
# native libraries read once, when they load — too early to set from Java. A value the user already set is kept.

# ND4J's OpenMP workers (libnd4jcpu's; its OpenBLAS has pthreads of its own) otherwise spin after every parallel
# call and, on a small machine, starve the next op (model.ThreadPolicy; the bench gives its ND4J child JVMs the same).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# The OpenBLAS kernels for a CPU with AVX-512: printed by this function for the cpuinfo file given, nothing for any
# other CPU. ND4J's OpenBLAS, 0.3.19, picks its kernels by CPU model and knows too few: it runs AMD's with AVX-512
# (Zen 4) on its AVX2 "Zen" kernels, and Intel models newer than itself on its SSE3 "Prescott" ones (the H200
# machine's Xeon, benchmarks/NOTES.md section 24), 4 to 16 floats a vector short. From 0.3.21 (commit 2c62096)
# OpenBLAS itself picks SkylakeX's for Zen 4 (Cooperlake's where AVX512-BF16 is present, whose single and double
# products are SkylakeX's; 0.3.19 cannot be told Cooperlake). On the Intel models it knows (the 2-core Intel VM of
# the reference results, model 167, among them) SkylakeX is its own choice, so naming it changes nothing there. The
# flags are those the SkylakeX kernels are built for. What it changes on AMD is in benchmarks/NOTES.md, section 14.
openblas_coretype_for() {
  local cpuinfo="$1" flags
  grep -q '^vendor_id[[:space:]]*: \(AuthenticAMD\|GenuineIntel\)' "$cpuinfo" 2>/dev/null || return 0
  flags=" $(grep -m1 '^flags' "$cpuinfo" | cut -d: -f2) "
  for flag in avx512f avx512cd avx512bw avx512dq avx512vl; do
    [[ "$flags" == *" $flag "* ]] || return 0
  done
  echo SkylakeX
}
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
  layerbench_coretype="$(openblas_coretype_for /proc/cpuinfo)"
  [[ -z "$layerbench_coretype" ]] || export OPENBLAS_CORETYPE="$layerbench_coretype"
  unset layerbench_coretype
fi
