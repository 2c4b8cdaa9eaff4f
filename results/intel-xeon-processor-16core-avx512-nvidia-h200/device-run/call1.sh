#!/usr/bin/env bash
# Device call 1: what the lent GPU machine has, nvidia-smi's real answers to layerbench's queries (test fixtures),
# the GPU scripts as they run there, and DJL 0.30's JNI built against the machine's own libtorch.
set -u
exec > >(tee "$OUT/call1.log") 2>&1
echo "== machine"; date -u; uname -a; head -2 /etc/os-release; ldd --version | head -1; nproc; free -g | head -2
echo "== tools"; for t in java javac g++ gcc cmake ninja nvcc python3; do printf '%s: ' $t; command -v $t || echo none; done
g++ --version | head -1; nvcc --version | tail -2; ls /usr/lib/jvm 2>&1 | head
echo "== nvidia-smi"
nvidia-smi > "$OUT/smi-plain.txt" 2>&1; cat "$OUT/smi-plain.txt"
nvidia-smi --query-gpu=name,compute_cap,memory.total,driver_version --format=csv,noheader,nounits > "$OUT/smi-query-gpus.txt" 2>&1
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,clocks_throttle_reasons.active --format=csv,noheader,nounits > "$OUT/smi-query-clocks.txt" 2>&1
cat "$OUT/smi-query-gpus.txt" "$OUT/smi-query-clocks.txt"
echo "[compute_cap]"; nvidia-smi --query-gpu=compute_cap --format=csv,noheader | od -c | head -3
echo "[name]"; nvidia-smi --query-gpu=name --format=csv,noheader | od -c | head -3
echo "== gpu-profiles.sh --with-cpu-builds"; scripts/gpu-profiles.sh --with-cpu-builds; echo "rc=$?"
echo "== gpu-profiles.sh"; scripts/gpu-profiles.sh; echo "rc=$?"
echo "== gpu-selftest.sh (no jar built here)"; timeout 60 scripts/gpu-selftest.sh; echo "rc=$?"
echo "== torch"
python3 - <<'PY'
import torch, os
print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version())
print("device", torch.cuda.get_device_name(0), torch.cuda.get_device_capability(0))
print("cxx11abi", int(torch._C._GLIBCXX_USE_CXX11_ABI), "dir", os.path.dirname(torch.__file__))
PY
T="$(python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))')"
ABI="$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
ls -la "$T/lib"; ls "$T/include/torch/csrc/autograd/" | grep -i profil
grep -rh "CXX_STANDARD\|cxx_std\|TORCH_CXX_FLAGS" "$T/share/cmake/Torch/TorchConfig.cmake" | head -5
SP="$(dirname "$T")"; ls "$SP/nvidia" 2>&1 | head -30
echo "== build libdjl_torch.so (DJL 0.30.0 sources) against this libtorch"
B=/tmp/djlbuild; mkdir -p $B; cd .gpu/djl
INC="-I$T/include -I$T/include/torch/csrc/api/include -Ijni -Iinclude -Iutils"
for d in /usr/local/cuda/include "$SP"/nvidia/*/include; do [[ -d "$d" ]] && INC="$INC -I$d"; done
export INC ABI B
compile() { local f="$1" n; n="$(basename "$f" .cc)"
  for std in c++17 c++20; do
    if g++ -std=$std -O2 -fPIC -DUSE_CUDA -D_GLIBCXX_USE_CXX11_ABI=$ABI $INC -c "$f" -o "$B/$n.o" > "$B/$n.$std.log" 2>&1; then
      echo "OK $n ($std)"; return 0; fi
  done
  echo "FAIL $n"; grep -m 12 "error" "$B/$n.c++17.log"; }
export -f compile
time (ls src/*.cc | xargs -P 16 -I{} bash -c 'compile {}')
cd "$B"
if g++ -shared -o libdjl_torch.so *.o -L"$T/lib" -ltorch -ltorch_cpu -lc10 -ltorch_cuda -lc10_cuda -Wl,-rpath,"$T/lib" > link.log 2>&1; then
  echo "LINKED $(du -h libdjl_torch.so)"; strip libdjl_torch.so; cp libdjl_torch.so "$OUT/"
  python3 -c "import torch, ctypes, os; ctypes.CDLL('$B/libdjl_torch.so', mode=os.RTLD_NOW | os.RTLD_GLOBAL); print('dlopen RTLD_NOW ok')"
else echo "LINK FAILED"; head -20 link.log; fi
tar czf "$OUT/djlbuild-logs.tgz" -C "$B" $(cd "$B" && ls *.log) 2>/dev/null
echo "== done"; date -u
