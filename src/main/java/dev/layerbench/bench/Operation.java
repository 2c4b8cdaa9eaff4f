package dev.layerbench.bench;

import dev.layerbench.model.Labelled;

/**
 * What a benchmark times, and how many floating-point operations that is: only the matrix products count
 * (2·rows·inner·cols each); the O(B·O) element-wise work is left out, as in the usual GEMM accounting.
 *
 * <ul>
 *   <li>forward: X·W₁ (+ A₁·W₂) — 2BIO, or 2BIH + 2BHO with a hidden layer;</li>
 *   <li>backward: dW = Xᵀ·dZ per layer, plus dX = dZ·Wᵀ where a layer sits below — 2BIO, or 2BHO·2 + 2BIH;</li>
 *   <li>train_step: forward + loss + backward + SGD update — the sum of the two;</li>
 *   <li>gemm: one bare B×I by I×N product, N the first layer's width — the measured ceiling.</li>
 * </ul>
 */
public enum Operation implements Labelled {
    FORWARD("forward", "forward"),
    BACKWARD("backward", "backward"),
    TRAIN_STEP("train_step", "trainStep"),
    GEMM("gemm", "gemm");

    private final String label;
    private final String method;

    Operation(String label, String method) {
        this.label = label;
        this.method = method;
    }

    @Override
    public String label() {
        return label;
    }

    /** The @Benchmark method that times it. */
    public String method() {
        return method;
    }

    public static Operation ofMethod(String method) {
        for (Operation op : values()) {
            if (op.method.equals(method)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no operation is timed by a method named " + method);
    }

    public double flops(BenchmarkShape s) {
        double b = s.batch();
        double firstWidth = s.hidden() > 0 ? s.hidden() : s.out();
        double forward = 2 * b * s.in() * firstWidth + (s.hidden() > 0 ? 2 * b * s.hidden() * s.out() : 0);
        double backward = 2 * b * s.in() * firstWidth + (s.hidden() > 0 ? 4 * b * s.hidden() * s.out() : 0);
        return switch (this) {
            case FORWARD -> forward;
            case BACKWARD -> backward;
            case TRAIN_STEP -> forward + backward;
            case GEMM -> 2 * b * s.in() * firstWidth;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
