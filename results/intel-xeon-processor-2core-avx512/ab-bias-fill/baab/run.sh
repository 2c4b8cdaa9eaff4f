#!/bin/bash
F='\|own\|forward\|128\|784\|1024\|0\|float32\|1'
run() { (cd $1 && scripts/layerbench bench --preset full --impl own --backends cpu --threads 1 --forks 6 --iterations 3 --time 500 --filter "$F" --out /tmp/ab-bias2/$2 > /tmp/ab-bias2/$2.log 2>&1; echo "$2 rc=$?"); }
mkdir -p /tmp/ab-bias2
run /tmp/ab-new after-1; run /tmp/ref-clone before-1; run /tmp/ref-clone before-2; run /tmp/ab-new after-2
cd /tmp/ref-clone
for i in 1 2; do scripts/layerbench compare /tmp/ab-bias2/before-$i /tmp/ab-bias2/after-$i --baseline /tmp/ab-bias2/before-$i --out /tmp/ab-bias2/compare-$i > /dev/null 2>&1; done
grep -h '^| forward' /tmp/ab-bias2/compare-*/compare.md | cut -c1-200
