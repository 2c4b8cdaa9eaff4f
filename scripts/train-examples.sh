#!/usr/bin/env bash
# Regenerates the reference `train` runs kept under results/<machine>/train/: the two facts behind the
# project's seed question, and softmax regression on real Fashion-MNIST when it is installed.
# Usage: scripts/train-examples.sh results/<machine>
set -euo pipefail
out="${1:?usage: $0 results/<machine>}"
lb="$(dirname "${BASH_SOURCE[0]}")/layerbench"

# Softmax regression from all-zero weights on balanced data: learns (its loss is convex).
"$lb" train --init zero --hidden 0 --out "$out/train/zero-init-no-hidden-balanced"
# A zero-initialised tanh hidden layer on 92/8 data: only the output bias learns, accuracy = majority share.
"$lb" train --class-weights 0.92,0.08 --init zero --hidden 16 --activation tanh \
  --out "$out/train/zero-init-hidden16-tanh-92-8"
if [[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]]; then
  "$lb" train --data fashion-mnist --init zero --hidden 0 --epochs 5 --batch 128 \
    --out "$out/train/fashion-mnist-zero-init-no-hidden"
fi
