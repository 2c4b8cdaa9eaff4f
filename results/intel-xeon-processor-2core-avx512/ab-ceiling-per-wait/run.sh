set -u
F='\|gemm:l1\.(xw|xtg)\|(1\|784\|10|128\|784\|1024|1024\|784\|1024)\|0\|'
for arm in before-1 after-1 after-2 before-2 after-3 before-3 before-4 after-4; do   # run as two calls of four, in this order
  dir=/tmp/ab-before; [[ $arm == after-* ]] && dir=/tmp/ab-after
  (cd $dir && scripts/layerbench bench --preset quick --impl gemm --backends cpu,pytorch-cpu --threads 1 --forks 3 --filter "$F" --out /tmp/ab-ceil/$arm > /tmp/ab-ceil/$arm.log 2>&1; echo "$arm rc=$?" >> /tmp/ab-ceil/done.log)
done
