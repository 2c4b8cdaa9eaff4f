#!/usr/bin/env bash
# Submits the layerbench suite to Slurm: one job-array task per line of the config (a kind of node: its
# partition, GPU request and suite options), and a merge job that runs when all of them have ended, whether they
# finished or failed (--dependency=afterany). See scripts/slurm/README.md.
#
# Usage: scripts/slurm/submit.sh --config FILE [--preset smoke|quick|full] [--results DIR]
#                                [--profiles cuda,cpu-builds | --no-build] [--merge-partition P]
#                                [-- SBATCH_OPTION...]
#   --config           the task list (format: scripts/slurm/suite.conf.example)
#   --preset           bench and study preset for every task (default quick)
#   --results          shared folder for results/<name>/ and merged/ (default results/ of this checkout)
#   --profiles         Maven profiles of the one build made here, before submitting (default cuda,cpu-builds);
#                      '' for the plain CPU build
#   --no-build         use target/ as it is
#   --merge-partition  partition of the merge job (default: the cluster's default partition)
#   after --            sbatch options for every array task, e.g. --time=02:00:00 --exclusive --account=X
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

config="" preset=quick results="$root/results" profiles="cuda,cpu-builds" build=1 merge_partition=""
task_options=()
die() { echo "submit.sh: $*" >&2; exit 2; }
while (( $# )); do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --preset) preset="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --profiles) profiles="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --merge-partition) merge_partition="$2"; shift 2 ;;
    --) shift; task_options=("$@"); break ;;
    *) die "unknown argument '$1' (see the usage at the top of $0)" ;;
  esac
done
[[ -n "$config" ]] || die "--config FILE is required (see scripts/slurm/suite.conf.example)"
[[ -f "$config" ]] || die "--config $config does not exist"
case "$preset" in smoke|quick|full) ;; *) die "--preset must be smoke, quick or full, not '$preset'" ;; esac
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"
config="$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
mkdir -p "$results"
results="$(cd "$results" && pwd)"

# Check every line before anything is built or submitted: a typo found by task 3 an hour later costs the queue.
task_lines="$("$root/scripts/slurm/tasks.sh" "$config")" || exit 2
mapfile -t tasks <<< "$task_lines"
[[ -n "$task_lines" ]] || die "$config lists no tasks"

if (( build )); then
  echo "submit.sh: building once for all tasks (mvn ${profiles:+-P$profiles }package) ..." >&2
  (cd "$root" && mvn -B -q ${profiles:+-P"$profiles"} -DskipTests package)
fi
[[ -f "$root/target/layerbench.jar" ]] || die "$root/target/layerbench.jar is missing: drop --no-build"

logs="$results/slurm-logs"
mkdir -p "$logs"
# The tasks read the config when they start, maybe hours from now: they get a copy, not the file being edited.
frozen="$logs/suite.$(date -u +%Y%m%dT%H%M%SZ).$$.conf"
cp "$config" "$frozen"
config="$frozen"
# Held until each task has its own partition and GPU request: sbatch gives all tasks of an array the same ones.
array_job="$(sbatch --parsable --hold --array=0-$(( ${#tasks[@]} - 1 )) --job-name=layerbench-suite \
  --chdir="$root" --output="$logs/%A_%a.out" "${task_options[@]}" \
  "$root/scripts/slurm/suite.sbatch" "$config" "$results" "$preset")"
array_job="${array_job%%;*}"
for i in "${!tasks[@]}"; do
  read -r name partition gres _ <<< "${tasks[$i]}"
  update=(Partition="$partition")
  [[ "$gres" == - ]] || update+=(TresPerNode="gres:$gres")
  if ! scontrol update JobId="${array_job}_$i" "${update[@]}"; then
    scancel "$array_job"
    die "Slurm refused task $i ($name: ${update[*]}); the array $array_job is cancelled"
  fi
done
scontrol release "$array_job"

merge_job="$(sbatch --parsable --dependency=afterany:"$array_job" --job-name=layerbench-merge \
  --chdir="$root" --output="$logs/%j-merge.out" ${merge_partition:+--partition="$merge_partition"} \
  "$root/scripts/slurm/merge.sbatch" "$config" "$results")"
merge_job="${merge_job%%;*}"

echo "submitted array job $array_job (${#tasks[@]} tasks: $(cut -d' ' -f1 <<< "$(printf '%s\n' "${tasks[@]}")" | paste -sd' ' -))"
echo "submitted merge job $merge_job (after all of them)"
echo "results: $results/<name>/, merged tables and report: $results/merged/, Slurm logs: $logs/"
echo "$array_job $merge_job" > "$results/slurm-jobs.txt"
