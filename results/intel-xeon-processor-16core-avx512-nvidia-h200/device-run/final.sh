#!/usr/bin/env bash
# Device call 3: layerbench's GPU paths on the lent H200, with the machine's own libtorch (PyTorch 2.11.0 for
# CUDA 13.0, from its python3) and DJL 0.30's JNI built here against it: the pytorch-cuda profile (2.47 GB) cannot
# reach a machine without a registry. Runtime (jlink'd JRE, the build's jars) came in two parts, staged earlier.
set -u
exec > >(tee "$OUT/final.log") 2>&1
echo "== repo"; git log --oneline -1 2>&1 | cut -c1-60; git status --short 2>&1 | head -5; date -u
cp .gpu/parts/part-* /root/stash/ 2>/dev/null; ls -la /root/stash
mkdir -p /tmp/rt && cat /root/stash/part-* | xz -d | tar -x -C /tmp/rt || { echo "bundle broken"; exit 1; }
mkdir -p target/lib && cp -a /tmp/rt/target/lib/. target/lib/ && cp .gpu/layerbench.jar target/layerbench.jar
export JAVA_HOME=/tmp/rt/jre PATH=/tmp/rt/jre/bin:$PATH
java -version 2>&1 | head -1; unzip -p target/layerbench.jar git.properties 2>/dev/null | grep -E "commit.id=|dirty" || true
T="$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')"; SP="$(dirname "$T")"
echo "== JNI: DJL 0.30.0's sources against libtorch $(python3 -c 'import torch; print(torch.__version__)')"
B=/tmp/djlbuild; mkdir -p $B; cd .gpu/djl
INC="-I$T/include -I$T/include/torch/csrc/api/include -Ijni -Iinclude -Iutils"
for d in /usr/local/cuda/include "$SP"/nvidia/*/include; do [[ -d "$d" ]] && INC="$INC -I$d"; done
ls src/*.cc | xargs -P 16 -I{} bash -c 'n=$(basename {} .cc); g++ -std=c++17 -O2 -fPIC -DUSE_CUDA -D_GLIBCXX_USE_CXX11_ABI=1 -include cstdint '"$INC"' -c {} -o '$B'/$n.o > '$B'/$n.log 2>&1 && echo "OK $n" || { echo "FAIL $n"; grep -m 5 error '$B'/$n.log; }'
cd - > /dev/null
g++ -shared -o $B/libdjl_torch.so $B/*.o -L"$T/lib" -ltorch -ltorch_cpu -lc10 -ltorch_cuda -lc10_cuda -Wl,-rpath,"$T/lib" || { echo "link failed"; exit 1; }
strip $B/libdjl_torch.so; echo "objects $(ls $B/*.o | wc -l), $(du -h $B/libdjl_torch.so)"
cp $B/libdjl_torch.so "$T/lib/0.30.0-libdjl_torch.so"
export PYTORCH_LIBRARY_PATH="$T/lib" PYTORCH_VERSION=2.11.0
echo "== env"; timeout 120 java -jar target/layerbench.jar env 2>&1 | tail -25
echo "== gpu-selftest.sh"; time timeout 330 scripts/gpu-selftest.sh; echo "selftest rc=$?"
for f in target/gpu-selftest/*; do echo "--- $f"; tail -n 15 "$f"; done
echo "== bench: pytorch-cuda, train step and GEMM ceilings, quick shapes"
time timeout 170 scripts/layerbench bench --preset quick --impl pytorch,gemm --backends pytorch-cuda --threads 1 --forks 2 --iterations 3 --time 300 --filter 'train_step|gemm' --out /tmp/bench-h200
echo "bench rc=$?"; cat /tmp/bench-h200/timing.md 2>/dev/null | head -40
tar czf "$OUT/gpu-run.tgz" target/gpu-selftest /tmp/bench-h200 2>/dev/null; ls -la "$OUT"; date -u
