#!/usr/bin/env bash
# Merges the results of a Slurm suite: `layerbench compare` over every task's bench folder (finished or partial)
# into <results>/merged/compare.{md,csv,json}, and `layerbench report` over every bench and study folder (finished
# or partial) into
# <results>/merged/report.html, with tasks.md — each task's state, failed ones named — at its top.
# Run by merge.sbatch; by hand after re-running a task: scripts/slurm/merge.sh CONFIG RESULTS
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config="$1" results="$2"
task_lines="$("$root/scripts/slurm/tasks.sh" "$config")" || exit 2
merged="$results/merged"
mkdir -p "$merged"
lb() { java ${LAYERBENCH_JAVA_OPTS:-} -jar "$root/target/layerbench.jar" "$@"; }

# A JSON field of slurm-task.json (flat, written by suite.sbatch), without a JSON tool on the node.
field() { sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1"; }

bench=() study=() failed=0
notes="$merged/tasks.md.tmp"
echo "## Slurm tasks" > "$notes"
while read -r name partition gres _; do
  dir="$results/$name" status="$results/$name/slurm-task.json"
  found=""
  for d in "$dir"/bench-*/; do
    [[ -f "$d/timing.json" || -f "$d/timing.jsonl" ]] || continue
    bench+=("${d%/}")
    if [[ -f "$d/timing.json" ]]; then
      found+="; $(basename "$d") finished"
    else
      found+="; $(basename "$d") partial, $(grep -c '"kind":"fork"' "$d/timing.jsonl" || true) forks journaled"
    fi
  done
  for d in "$dir"/study-*/; do
    if [[ -f "$d/study.json" ]]; then
      study+=("${d%/}")
      found+="; $(basename "$d") finished"
    elif [[ -f "$d/runs.jsonl" ]]; then
      study+=("${d%/}")
      found+="; $(basename "$d") partial, $(( $(wc -l < "$d/runs.jsonl") - 1 )) runs journaled"
    fi
  done
  results_text="${found#; }"
  results_text="${results_text:-no results}"
  if [[ -f "$status" ]]; then
    state="$(field "$status" state)" code="$(field "$status" exitCode)" node="$(field "$status" node)"
    where="partition $(field "$status" partition), node $node, job $(field "$status" jobId)"
  else
    state="never reported" code="" where="partition $partition"
  fi
  if [[ "$state" == finished ]]; then
    echo "- \`$name\` ($where): finished — $results_text" >> "$notes"
  else
    failed=$(( failed + 1 ))
    echo "- \`$name\` ($where): **${state}**${code:+ (exit $code)} — $results_text. Its journals are kept: submitting the suite again (or \`scripts/run-suite.sh --machine $name\` on such a node) resumes them." >> "$notes"
  fi
done <<< "$task_lines"
if (( ${#bench[@]} == 0 && ${#study[@]} == 0 )); then
  mv "$notes" "$merged/tasks.md"
  echo "merge.sh: no task left any result; see $merged/tasks.md" >&2
  exit 1
fi
if (( ${#bench[@]} )); then
  lb compare "${bench[@]}" --out "$merged"
fi
mv "$notes" "$merged/tasks.md"
lb report "${bench[@]}" "${study[@]}" --notes "$merged/tasks.md" --out "$merged/report.html"
echo "merge.sh: merged ${#bench[@]} bench and ${#study[@]} study folders into $merged/ ($failed failed task(s))"
