#!/usr/bin/env bash
# The Slurm suite, for real, on a one-node cluster on this machine: starts munged, slurmctld and slurmd from
# Debian's slurm-wlm and munge packages in a temporary folder (their own ports, socket and state; nothing under
# /etc is touched), submits a three-task array with scripts/slurm/submit.sh, cancels the third task halfway
# through its bench the way a time limit or an admin would, waits for the merge job, and checks the merged
# tables and report: both finished tasks' rows, the third task named as failed and its journaled rows kept
# as partial. Stops the daemons it started on every way out. Bounded: 15 minutes.
# Usage: scripts/slurm/test-localhost.sh [--keep DIR]   (--keep: copy the suite's results to DIR when it passes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
deadline=$(( SECONDS + 900 ))
keep=""
[[ "${1:-}" == --keep && -n "${2:-}" ]] && keep="$(mkdir -p "$2" && cd "$2" && pwd)"
fail() { echo "slurm test: FAILED: $*" >&2; exit 1; }
for tool in munged slurmctld slurmd sbatch squeue scontrol scancel; do
  command -v "$tool" >/dev/null || [[ -x "/usr/sbin/$tool" ]] \
    || fail "$tool is missing: apt-get install slurm-wlm munge (.ci/run does)"
done
export PATH="$PATH:/usr/sbin"

work="$(mktemp -d /tmp/layerbench-slurm.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work"/{state,spool,log,munge}
chmod 700 "$work/munge"
host="$(hostname -s)"
export SLURM_CONF="$work/slurm.conf"

stop() {
  local code=$?
  if (( code != 0 )); then
    echo "slurm test: logs of $work:" >&2
    tail -n 40 "$work"/log/*.log "$work"/results/slurm-logs/* "$work"/results/*/slurm-task.json >&2 2>/dev/null || true
  fi
  [[ -f "$work/slurmd.pid" ]] && kill "$(cat "$work/slurmd.pid")" 2>/dev/null || true
  [[ -f "$work/slurmctld.pid" ]] && kill "$(cat "$work/slurmctld.pid")" 2>/dev/null || true
  munged --stop --socket="$work/munge/socket" >/dev/null 2>&1 || true
  sleep 1
  pkill -f "$work" 2>/dev/null || true
  rm -rf "$work"
  exit "$code"
}
trap stop EXIT

dd if=/dev/urandom of="$work/munge/key" bs=1024 count=1 status=none
chmod 400 "$work/munge/key"
munged --force --socket="$work/munge/socket" --key-file="$work/munge/key" --log-file="$work/log/munged.log" \
  --pid-file="$work/munge/pid" --seed-file="$work/munge/seed"

# Two partitions on the one node, so that the test sees each task land where the config sent it, and a
# countable non-GPU resource ("token") to exercise the per-task GPU-request path without a GPU.
cat > "$SLURM_CONF" <<CONF
ClusterName=layerbench-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$work/munge/socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
KillWait=20
GresTypes=token
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) Gres=token:2 State=UNKNOWN
PartitionName=part-a Nodes=ALL Default=YES MaxTime=INFINITE State=UP
PartitionName=part-b Nodes=ALL MaxTime=INFINITE State=UP
CONF
echo "NodeName=$host Name=token Count=2" > "$work/gres.conf"
slurmctld -i
slurmd
for _ in $(seq 60); do
  [[ "$(sinfo -h -N -o %t 2>/dev/null | head -n 1)" == idle ]] && break
  sleep 1
done
[[ "$(sinfo -h -N -o %t | head -n 1)" == idle ]] || fail "the node did not come up: $(sinfo -N 2>&1)"
echo "slurm test: one-node cluster up ($(sinfo -h -o '%P' | paste -sd' ' -))"

results="$work/results"
cat > "$work/suite.conf" <<CONF
# name   partition  gres     options
node-a   part-a     token:1  --backends cpu
node-b   part-b     -        --backends cpu
node-c   part-a     -        --backends cpu --preset quick
CONF
(( $(nproc) >= 2 )) || fail "needs 2 CPUs for the tasks to share the node"
scripts/slurm/submit.sh --config "$work/suite.conf" --preset smoke --results "$results" --profiles "" \
  -- --cpus-per-task=1 --time=10
read -r array_job merge_job < "$results/slurm-jobs.txt"

# node-c: stopped halfway through its bench, as scancel or a time limit stops a task.
journal="$results/node-c/bench-quick/timing.jsonl"
until [[ -f "$journal" ]] && (( $(grep -c '"kind":"fork"' "$journal" || true) >= 3 )); do
  (( SECONDS < deadline )) || fail "node-c never journaled 3 forks"
  [[ ! -f "$results/node-c/slurm-task.json" ]] || fail "node-c ended before 3 forks: $(cat "$results/node-c/slurm-task.json")"
  sleep 0.5
done
scancel "${array_job}_2"
echo "slurm test: cancelled node-c after $(grep -c '"kind":"fork"' "$journal") forks"

while squeue -h -j "$merge_job" 2>/dev/null | grep -q .; do
  (( SECONDS < deadline )) || fail "the merge job $merge_job did not end in time"
  sleep 2
done
cat "$results"/slurm-logs/*-merge.out

# What the merge must show.
grep -q '"state": "finished"' "$results/node-a/slurm-task.json" || fail "node-a did not finish"
grep -q '"partition": "part-a"' "$results/node-a/slurm-task.json" || fail "node-a ran outside part-a"
grep -q '"tresPerNode": "gres:token:1"' "$results/node-a/slurm-task.json" || fail "node-a lost its gres request"
grep -q '"partition": "part-b"' "$results/node-b/slurm-task.json" || fail "node-b ran outside part-b"
grep -q '"state": "failed"' "$results/node-c/slurm-task.json" || fail "node-c is not reported failed"
csv="$results/merged/compare.csv"
[[ -f "$csv" ]] || fail "no merged $csv"
for column in node-a/bench-smoke:cpu node-b/bench-smoke:cpu node-c/bench-quick:cpu; do
  grep -q ",$column," "$csv" || fail "$csv has no row of $column"
done
# the columns by name: compare.csv's header says where they are
measured() {
  awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "column") ci = i; if ($i == "us_per_op") ui = i }; next }
                     $ci == c && $ui != ""' "$csv" | wc -l
}
# bench's default thread counts are 1 and the core count: each shape is measured at both on a multi-core node
threads=$(( $(nproc) > 1 ? 2 : 1 ))
smoke_rows=$(( 8 * threads )) quick_rows=$(( 28 * threads ))
a_rows=$(measured node-a/bench-smoke:cpu) b_rows=$(measured node-b/bench-smoke:cpu) c_rows=$(measured node-c/bench-quick:cpu)
(( a_rows == smoke_rows && b_rows == smoke_rows )) || fail "expected $smoke_rows rows of each finished task (own 3, dl4j 2, 3 ceilings at $threads thread counts), got $a_rows and $b_rows"
(( c_rows >= 3 && c_rows < quick_rows )) || fail "expected node-c's journaled rows (3 to $((quick_rows - 1)) of $quick_rows), got $c_rows"
grep -q '(partial: the bench did not finish' "$results/merged/compare.md" || fail "compare.md does not mark node-c partial"
grep -q '<code>node-c</code>.*<strong>failed</strong>' "$results/merged/report.html" || fail "the report does not name node-c as failed"
grep -q '<code>node-a</code>.*: finished' "$results/merged/report.html" || fail "the report does not list node-a"
# A bad config is refused before anything is submitted; a partition Slurm does not know, before anything runs
# (after the suite: it built the jar that --no-build needs).
printf 'x part-a -\nx part-b -\n' > "$work/twice.conf"
if refused="$(scripts/slurm/submit.sh --config "$work/twice.conf" --no-build --results "$work/refused" 2>&1)"; then
  fail "a config naming a task twice was accepted"
fi
grep -q "the name 'x' is used twice" <<< "$refused" || fail "unexpected refusal: $refused"
printf 'y part-z -\n' > "$work/nowhere.conf"
if refused="$(scripts/slurm/submit.sh --config "$work/nowhere.conf" --no-build --results "$work/refused" 2>&1)"; then
  fail "a task in an unknown partition was accepted"
fi
grep -q "Slurm refused task 0 (y: Partition=part-z)" <<< "$refused" || fail "unexpected refusal: $refused"
[[ -z "$(squeue -h)" ]] || fail "the refused array is still queued: $(squeue)"

if [[ -n "$keep" ]]; then
  cp -r "$results"/. "$keep"/
  echo "slurm test: results copied to $keep"
fi
echo "slurm test: passed — merged $a_rows + $b_rows rows of two finished tasks and $c_rows of node-c (cancelled, kept partial) in $SECONDS s"
