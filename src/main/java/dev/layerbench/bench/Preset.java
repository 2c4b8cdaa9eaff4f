package dev.layerbench.bench;

import dev.layerbench.model.Labelled;

import java.util.List;

/**
 * How much to measure. {@code smoke} proves every benchmark runs — tests use it, and its numbers are not for
 * reading (one fork, a few short iterations). {@code quick} and {@code full} are meant for reading: they fork,
 * and keep adding forks to a row until its 95% interval is within ±5% of its median or the most forks are spent.
 *
 * <p>{@code quick} fits in about 12 minutes on a 2-core machine for cpu and pytorch-cpu at two thread counts. It
 * times own, pytorch and the per-product ceilings (DL4J is in {@code full}) at five shapes: batch 1 (call
 * overhead), 128 and 1024 at 784 → 10 and → 1024 minus 1024 × 784 → 10, which behaves like 128 × 784 → 10 at
 * eight times the work, plus the hidden-layer shape 128 × 784 → 64 → 10. Batch 32 and 1 × 784 → 1024 are in
 * {@code full}. Its forks are three short ones (0.3 s warm-up, 2 × 0.4 s) rather than two long ones: on this
 * kind of VM two iterations of one fork agree within a few % while forks of the same row differ by up to 1.7×
 * (benchmarks/NOTES.md §7), so the time goes to forks, and a bootstrap over two forks barely sees that spread.
 * {@code full} is the whole grid in both dtypes, with DL4J.
 */
public enum Preset implements Labelled {
    SMOKE("smoke", List.of(new ParamGrid(List.of(32), List.of(784), List.of(10), List.of(0), List.of("float32"))),
            List.of(Implementation.OWN, Implementation.DL4J, Implementation.PYTORCH, Implementation.GEMM),
            new Measurement(1, 50, 2, 50, 1, 1, 0.05, 0)),
    QUICK("quick", List.of(
            new ParamGrid(List.of(1), List.of(784), List.of(10), List.of(0), List.of("float32")),
            new ParamGrid(List.of(128), List.of(784), List.of(10, 1024), List.of(0), List.of("float32")),
            new ParamGrid(List.of(1024), List.of(784), List.of(1024), List.of(0), List.of("float32")),
            new ParamGrid(List.of(128), List.of(784), List.of(10), List.of(64), List.of("float32"))),
            List.of(Implementation.OWN, Implementation.PYTORCH, Implementation.GEMM),
            new Measurement(1, 300, 2, 400, 3, 4, 0.05, 540)),
    FULL("full", List.of(
            new ParamGrid(List.of(1, 32, 128, 1024), List.of(784, 4096), List.of(10, 1024), List.of(0),
                    List.of("float32", "float64")),
            new ParamGrid(List.of(32, 128, 1024), List.of(784), List.of(10), List.of(64, 256),
                    List.of("float32", "float64"))),
            List.of(Implementation.OWN, Implementation.DL4J, Implementation.PYTORCH, Implementation.GEMM),
            new Measurement(2, 1000, 5, 1000, 3, 6, 0.05, 0));

    private final String label;
    private final List<ParamGrid> grids;
    private final List<Implementation> impls;
    private final Measurement measurement;

    Preset(String label, List<ParamGrid> grids, List<Implementation> impls, Measurement measurement) {
        this.label = label;
        this.grids = grids;
        this.impls = impls;
        this.measurement = measurement;
    }

    @Override
    public String label() {
        return label;
    }

    public List<ParamGrid> grids() {
        return grids;
    }

    /** Every shape of its grids, in order, once each. */
    public List<BenchmarkShape> shapes() {
        return grids.stream().flatMap(g -> g.shapes().stream()).distinct().toList();
    }

    /** What {@code --impl} means when not given. */
    public List<Implementation> impls() {
        return impls;
    }

    public Measurement measurement() {
        return measurement;
    }

    public static Preset parse(String text) {
        return Labelled.parse(Preset.class, text, "--preset");
    }

    @Override
    public String toString() {
        return label;
    }
}
