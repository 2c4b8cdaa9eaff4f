package dev.layerbench.bench;

import dev.layerbench.model.Labelled;

import java.util.List;

/**
 * How much to measure. {@code smoke} proves every benchmark runs (tests use it; its numbers mean little);
 * {@code quick} covers the batch sweep at I = 784 plus one hidden-layer shape in a few minutes on 2 cores;
 * {@code full} is the whole grid in both dtypes with JMH forks, for reference runs.
 *
 * <p>smoke and quick run JMH in the child JVM itself (forks = 0): that child already isolates one backend, and
 * a second JVM per benchmark would cost more start-up than the measurements. full forks as JMH recommends.
 */
public enum Preset implements Labelled {
    SMOKE("smoke", List.of(new ParamGrid(List.of(32), List.of(784), List.of(10), List.of(0), List.of("float32"))),
            1, 50, 2, 50, 0),
    QUICK("quick", List.of(
            new ParamGrid(List.of(1, 32, 128, 1024), List.of(784), List.of(10, 1024), List.of(0), List.of("float32")),
            new ParamGrid(List.of(128), List.of(784), List.of(10), List.of(64), List.of("float32"))),
            2, 150, 3, 200, 0),
    FULL("full", List.of(
            new ParamGrid(List.of(1, 32, 128, 1024), List.of(784, 4096), List.of(10, 1024), List.of(0),
                    List.of("float32", "float64")),
            new ParamGrid(List.of(32, 128, 1024), List.of(784), List.of(10), List.of(64, 256),
                    List.of("float32", "float64"))),
            3, 500, 5, 500, 1);

    private final String label;
    private final List<ParamGrid> grids;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;
    private final int forks;

    Preset(String label, List<ParamGrid> grids, int warmupIterations, int warmupMillis, int measurementIterations,
           int measurementMillis, int forks) {
        this.label = label;
        this.grids = grids;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.forks = forks;
    }

    @Override
    public String label() {
        return label;
    }

    public List<ParamGrid> grids() {
        return grids;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int warmupMillis() {
        return warmupMillis;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public int measurementMillis() {
        return measurementMillis;
    }

    public int forks() {
        return forks;
    }

    public static Preset parse(String text) {
        return Labelled.parse(Preset.class, text, "--preset");
    }

    @Override
    public String toString() {
        return label;
    }
}
