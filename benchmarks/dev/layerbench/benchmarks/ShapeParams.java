package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code @Param}s every dense-layer benchmark runs at, declared once: the five of the shape and the thread
 * budget. {@code layerbench bench} sets them for each JMH run (one shape per run) and reads them back by these
 * names to label the row, so a benchmark that spelled one differently would silently run at its default. The
 * defaults are for running a class by hand.
 * JMH takes {@code @Param} fields from a state class's superclasses as from the class itself, when the superclass
 * is a state too.
 */
@State(Scope.Benchmark)
public abstract class ShapeParams {
    @Param("128")
    public int batch;
    @Param("784")
    public int in;
    @Param("10")
    public int out;
    @Param("0")
    public int hidden;
    @Param("float32")
    public String dtype;
    /**
     * The thread budget both sides of a comparison get: at most this many threads for ND4J (element-wise work
     * stays on one; the own layer uses them as its policy does, {@link dev.layerbench.model.ThreadPolicy#forOwnLayer},
     * ND4J's layers all for OpenBLAS, {@link dev.layerbench.model.ThreadPolicy#forBudget}), libtorch's intra-op
     * threads for PyTorch.
     */
    @Param("1")
    public int threads;

    /** The point of the grid this run measures. */
    protected BenchmarkShape shape() {
        return BenchmarkShape.of(batch, in, out, hidden, dtype);
    }
}
