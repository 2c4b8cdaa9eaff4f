#!/bin/bash
# own's train step at out = 1024, 2 threads (OpenBLAS's two threads), OpenBLAS workers spinning (default) or
# sleeping at once (OPENBLAS_THREAD_TIMEOUT=4), rounds ABBA, one jar (759c460)
F='\|own\|train_step\|(128|1024)\|784\|1024\|0\|float32\|'
run() { (cd /tmp/ref-clone && env $2 scripts/layerbench bench --preset full --impl own --backends cpu --threads 2 --forks 4 --iterations 3 --time 500 --filter "$F" --out /tmp/ab-timeout/$1 > /tmp/ab-timeout/$1.log 2>&1; echo "$1 rc=$?"); }
mkdir -p /tmp/ab-timeout
run base-1 X=1; run timeout-1 OPENBLAS_THREAD_TIMEOUT=4; run timeout-2 OPENBLAS_THREAD_TIMEOUT=4; run base-2 X=1
cd /tmp/ref-clone
for i in 1 2; do scripts/layerbench compare /tmp/ab-timeout/base-$i /tmp/ab-timeout/timeout-$i --baseline /tmp/ab-timeout/base-$i --out /tmp/ab-timeout/compare-$i > /dev/null 2>&1; echo "c$i rc=$?"; done
date -u +"done %FT%TZ"
