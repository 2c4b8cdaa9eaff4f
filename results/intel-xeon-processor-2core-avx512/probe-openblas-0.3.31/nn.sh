#!/bin/bash
# The narrow weight gradient C (10 x 784) = G^T X two ways on OpenBLAS 0.3.19: TN (G batch x 10 read transposed,
# as own calls it) and NN (G already transposed to 10 x batch), alternating per round
SHAPES="10 784 128 1 0 1000  10 784 128 0 0 1000  10 784 1024 1 0 300  10 784 1024 0 0 300  10 784 256 1 0 600  10 784 256 0 0 600  16 784 1024 1 0 300  16 784 1024 0 0 300"
for core in Haswell SkylakeX; do for th in 1 2; do for round in 1 2 3; do
  OPENBLAS_CORETYPE=$core LD_LIBRARY_PATH=old ./probe old/libopenblas.so.0 $th "old r$round" $SHAPES
done; done; done
