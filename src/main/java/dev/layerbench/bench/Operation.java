package dev.layerbench.bench;

import dev.layerbench.model.Labelled;

/**
 * What a benchmark times: a layer's forward, backward (dW, db, and dX where a layer sits below) or a full SGD train
 * step — or, for the ceiling benchmarks, one bare matrix product ({@link Product}). Its floating-point operations
 * are those of its products, as each implementation performs them ({@link Product#flops}).
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

    @Override
    public String toString() {
        return label;
    }
}
