#!/usr/bin/env python3
"""The NumPy loop `layerbench train` is timed against (issue 16): the same epoch, step for step.

Softmax regression from zero on Fashion-MNIST (pixels ÷255), float32, SGD, batch 128, lr 0.1, on one BLAS thread
(train picks one for a 784 → 10 network at batch 128). An epoch here does what Trainer.fit's epoch does and
what its `seconds` column covers: shuffle the training rows into one buffer, one SGD step per batch computing
the batch's loss as well, add each iterate into the epoch's sum (--average epoch, train's default), then score
the averaged parameters on the training and the test rows (loss and accuracy).

    OPENBLAS_NUM_THREADS=1 python3 scripts/numpy-sgd-epoch.py /usr/share/datasets/fashion-mnist [--epochs 5]
        [--average epoch|none] [--seed 42]

Prints one line per epoch (seconds, test accuracy) and the median epoch.
"""
import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

import numpy as np


def images(path):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / np.float32(255)


def labels(path):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64)


def loss_and_accuracy(x, y, w, b):
    z = x @ w + b
    z -= z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean()), float((z.argmax(axis=1) == y).mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--average", choices=["epoch", "none"], default="epoch")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    try:
        x_train = images(args.data / "train-images-idx3-ubyte.gz")
        y_train = labels(args.data / "train-labels-idx1-ubyte.gz")
        x_test = images(args.data / "t10k-images-idx3-ubyte.gz")
        y_test = labels(args.data / "t10k-labels-idx1-ubyte.gz")
    except OSError as e:
        sys.exit(f"numpy-sgd-epoch: cannot read Fashion-MNIST under {args.data}: {e}")
    one_hot = np.eye(10, dtype=np.float32)[y_train]
    rng = np.random.default_rng(args.seed)
    w = np.zeros((784, 10), np.float32)
    b = np.zeros(10, np.float32)
    lr = np.float32(args.lr)
    seconds = []
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        order = rng.permutation(len(x_train))
        xs, ys = x_train[order], one_hot[order]
        w_sum, b_sum = np.zeros_like(w), np.zeros_like(b)
        batches = 0
        for start in range(0, len(xs), args.batch):
            x, y = xs[start:start + args.batch], ys[start:start + args.batch]
            z = x @ w + b
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            total = e.sum(axis=1, keepdims=True)
            _loss = float((np.log(total)[:, 0] - (z * y).sum(axis=1)).mean())
            residual = e / total - y
            scale = lr / np.float32(len(x))
            w -= scale * (x.T @ residual)
            b -= scale * residual.sum(axis=0)
            if args.average == "epoch":
                w_sum += w
                b_sum += b
            batches += 1
        last = (w.copy(), b.copy())
        if args.average == "epoch":
            w, b = w_sum / np.float32(batches), b_sum / np.float32(batches)
        loss_and_accuracy(x_train, y_train, w, b)
        _, test_accuracy = loss_and_accuracy(x_test, y_test, w, b)
        seconds.append(time.perf_counter() - started)
        if args.average == "epoch" and epoch < args.epochs:
            w, b = last
        print(f"epoch {epoch}: {seconds[-1]:.3f} s, test accuracy {100 * test_accuracy:.2f}%")
    print(f"median epoch {statistics.median(seconds):.3f} s over {len(seconds)} "
          f"(numpy {np.__version__}, average {args.average})")


if __name__ == "__main__":
    main()
