#!/bin/bash
# own's forward and train step at 128 and 1024 x 784 -> 1024, 1 and 2 threads: 759c460 (bias by OpenBLAS's rank-1
# gemm) against c7baee8 (bias copied into every row), rounds ABBA
F='\|own\|(forward|train_step)\|(128|1024)\|784\|1024\|0\|float32\|'
run() { (cd $1 && scripts/layerbench bench --preset full --impl own --backends cpu --threads 1,2 --forks 4 --iterations 3 --time 500 --filter "$F" --out /tmp/ab-bias/$2 > /tmp/ab-bias/$2.log 2>&1; echo "$2 rc=$?"); }
mkdir -p /tmp/ab-bias
run /tmp/ref-clone before-1; run /tmp/ab-new after-1; run /tmp/ab-new after-2; run /tmp/ref-clone before-2
cd /tmp/ref-clone
for i in 1 2; do scripts/layerbench compare /tmp/ab-bias/before-$i /tmp/ab-bias/after-$i --baseline /tmp/ab-bias/before-$i --out /tmp/ab-bias/compare-$i > /dev/null 2>&1; echo "c$i rc=$?"; done
date -u +"done %FT%TZ"
