#!/bin/bash
# own's hidden-layer forward and step, 1 thread, 3ffd285 (old reference) against 759c460 (new), rounds ABBA
F='\|own\|(forward|train_step)\|128\|784\|10\|64\|float32\|'
run() { (cd $1 && scripts/layerbench bench --preset quick --impl own --backends cpu --threads 1 --forks 4 --iterations 3 --time 500 --filter "$F" --out /tmp/ab-hidden/$2 > /tmp/ab-hidden/$2.log 2>&1; echo "$2 rc=$?"); }
mkdir -p /tmp/ab-hidden
run /tmp/ab-old old-1; run /tmp/ref-clone new-1; run /tmp/ref-clone new-2; run /tmp/ab-old old-2
cd /tmp/ref-clone && scripts/layerbench compare /tmp/ab-hidden/old-1 /tmp/ab-hidden/new-1 --baseline /tmp/ab-hidden/old-1 --out /tmp/ab-hidden/compare-1 > /dev/null 2>&1; echo c1 rc=$?
scripts/layerbench compare /tmp/ab-hidden/old-2 /tmp/ab-hidden/new-2 --baseline /tmp/ab-hidden/old-2 --out /tmp/ab-hidden/compare-2 > /dev/null 2>&1; echo c2 rc=$?
date -u +"done %FT%TZ"
