#!/bin/bash
# ABBA rounds of old (0.3.19) and new (0.3.31) OpenBLAS on own's products, per core type and thread count
SHAPES="128 10 784 0 1 600  10 784 128 1 0 600  1024 10 784 0 1 200  10 784 1024 1 0 200  128 64 784 0 1 400  64 784 128 1 0 400  128 10 64 0 1 2000  10 64 128 1 0 2000  128 64 10 0 0 2000  128 1024 784 0 1 60  1024 784 128 1 0 60  1024 1024 784 0 1 30  1024 784 1024 1 0 30"
for core in SkylakeX Haswell; do for th in 1 2; do for round in 1 2 3 4; do
  for lib in $([ $((round % 2)) = 1 ] && echo "old new" || echo "new old"); do
    OPENBLAS_CORETYPE=$core LD_LIBRARY_PATH=$lib ./probe $lib/libopenblas.so.0 $th "$lib r$round" $SHAPES
  done; done; done; done
