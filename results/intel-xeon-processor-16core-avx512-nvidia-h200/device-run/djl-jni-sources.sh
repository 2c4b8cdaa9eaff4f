#!/usr/bin/env bash
# The sources final.sh builds DJL's JNI library from, laid out as .gpu/djl (run on the development machine): DJL
# 0.30.0's native code for its PyTorch engine, the JNI header javac generates from its PyTorchLibrary.java, and the
# JDK's jni.h. DJL publishes no JNI library for libtorch 2.11 (the device's); built there against the device's own
# headers, all 15 files compile unchanged once <cstdint> is included (utils.h uses uintptr_t without it).
set -euo pipefail
djl=/work/.mirror/deepjavalibrary+djl/repo     # a clone of github.com/deepjavalibrary/djl
out=/work/main/.gpu/djl
rm -rf "$out" /tmp/djlsrc; mkdir -p "$out"/{src,utils/djl,jni,include} /tmp/djlsrc/cls
git -C "$djl" archive v0.30.0 engines/pytorch/pytorch-native/src/main/native engines/pytorch/pytorch-engine/src/main/java \
  api/src/main/native | tar -x -C /tmp/djlsrc
cp /tmp/djlsrc/engines/pytorch/pytorch-native/src/main/native/* "$out/src/"
cp /tmp/djlsrc/api/src/main/native/djl/utils.h "$out/utils/djl/"
jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
cp "$jdk/include/jni.h" "$jdk/include/linux/jni_md.h" "$out/jni/"
javac -cp ~/.m2/repository/ai/djl/api/0.30.0/api-0.30.0.jar -sourcepath /tmp/djlsrc/engines/pytorch/pytorch-engine/src/main/java \
  /tmp/djlsrc/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java -h "$out/include" -d /tmp/djlsrc/cls
