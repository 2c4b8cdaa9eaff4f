#!/usr/bin/env bash
# Prints the tasks of a suite config, one "name partition gres [options]" line each, or names the first bad
# line and exits 2. Shared by submit.sh, suite.sbatch and merge.sh so that all three read the file alike.
set -euo pipefail
config="$1"
declare -A seen=()
number=0
while IFS= read -r line || [[ -n "$line" ]]; do
  number=$(( number + 1 ))
  line="${line%%#*}"
  read -r name partition gres options <<< "$line" || true
  [[ -z "${name:-}" ]] && continue
  where="$config line $number"
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "tasks.sh: $where: the name '$name' may hold only letters, digits, '.', '_', '-'" >&2; exit 2; }
  [[ -z "${seen[$name]:-}" ]] || { echo "tasks.sh: $where: the name '$name' is used twice" >&2; exit 2; }
  [[ -n "${partition:-}" && -n "${gres:-}" ]] || { echo "tasks.sh: $where: expected 'name partition gres [options]' (gres '-' for none)" >&2; exit 2; }
  [[ "$name" != merged && "$name" != slurm-logs ]] || { echo "tasks.sh: $where: '$name' is a folder the suite itself writes" >&2; exit 2; }
  seen[$name]=1
  echo "$name $partition $gres${options:+ $options}"
done < "$config"
