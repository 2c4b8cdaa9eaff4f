package dev.layerbench.bench;

import dev.layerbench.backend.Engine;
import dev.layerbench.model.Labelled;

import java.util.Arrays;
import java.util.List;

/**
 * What is being timed: layerbench's own layer, DL4J's, PyTorch's, or the bare GEMM ceiling — each a JMH
 * benchmark class per engine it can run on, with the operations that class times.
 */
public enum Implementation implements Labelled {
    OWN("own"),
    DL4J("dl4j"),
    PYTORCH("pytorch"),
    GEMM("gemm");

    private final String label;

    Implementation(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The simple name of the benchmark class timing this on {@code engine}, or null when it cannot run there. */
    public String benchmarkClass(Engine engine) {
        return switch (this) {
            case OWN -> engine == Engine.ND4J ? "OwnDenseLayerBenchmark" : null;
            case DL4J -> engine == Engine.ND4J ? "Dl4jDenseLayerBenchmark" : null;
            case PYTORCH -> engine == Engine.PYTORCH ? "TorchDenseLayerBenchmark" : null;
            case GEMM -> engine == Engine.ND4J ? "GemmCeilingBenchmark" : "TorchGemmCeilingBenchmark";
        };
    }

    /** The operations its benchmark class has a method for. */
    public List<Operation> operations() {
        return switch (this) {
            case OWN, PYTORCH -> List.of(Operation.FORWARD, Operation.BACKWARD, Operation.TRAIN_STEP);
            case DL4J -> List.of(Operation.FORWARD, Operation.TRAIN_STEP);
            case GEMM -> List.of(Operation.GEMM);
        };
    }

    public static Implementation ofBenchmarkClass(String simpleName) {
        for (Implementation impl : values()) {
            for (Engine engine : Engine.values()) {
                if (simpleName.equals(impl.benchmarkClass(engine))) {
                    return impl;
                }
            }
        }
        throw new IllegalArgumentException("no implementation is timed by " + simpleName);
    }

    public static List<Implementation> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> Labelled.parse(Implementation.class, t, "--impl")).distinct().toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
