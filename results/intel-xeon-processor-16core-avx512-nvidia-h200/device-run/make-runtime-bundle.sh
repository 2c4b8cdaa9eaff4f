#!/usr/bin/env bash
# Made on the development machine (Debian 12, OpenJDK 17.0.15), after `mvn -B -o package -DskipTests`: what a
# java -jar target/layerbench.jar needs on a machine with no JVM and no registry (the lent H200), small enough to
# travel in two calls of at most 64 MiB. Run as it stands here on 2026-12-04; the jlink and split lines were typed by
# hand then and are written in below as they ran.
set -euo pipefail
# a JRE of the modules layerbench, ND4J, DJL and JMH use (doctor, gpu-check and bench ran on it): 51 MB
jlink --add-modules java.base,java.logging,java.management,jdk.management,java.naming,java.xml,java.sql,java.desktop,jdk.unsupported,jdk.incubator.vector,java.scripting,jdk.zipfs,jdk.crypto.ec,java.instrument,jdk.attach \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output /tmp/jre
B=/tmp/gpubundle; rm -rf $B; mkdir -p $B/target/lib $B/jre
cp -a /tmp/jre/. $B/jre/; strip --strip-unneeded $B/jre/lib/server/libjvm.so || true
cp /work/main/target/layerbench.jar $B/target/
# every jar of the build but DJL's libtorch for the CPU (130 MB) and its JNI (built on the device instead), stored
# uncompressed so that xz, not deflate, packs them: nd4j-native's 90 MB jar becomes 31 MB
cd /work/main/target/lib
for j in $(ls | grep -v "pytorch-native-cpu\|pytorch-jni"); do
  d=$(mktemp -d); (cd $d && unzip -q /work/main/target/lib/$j && zip -q -0 -r -X $B/target/lib/$j .); rm -rf $d
done
cd /tmp && tar -cf - -C $B . | xz -T0 -6 > /tmp/gpubundle.tar.xz    # 87.5 MB
# two parts: stage.sh copies the first to /root/stash on the device, final.sh carries the second and joins them
mkdir -p /work/main/.gpu/parts && split -b 58M -d /tmp/gpubundle.tar.xz /work/main/.gpu/parts/part-
