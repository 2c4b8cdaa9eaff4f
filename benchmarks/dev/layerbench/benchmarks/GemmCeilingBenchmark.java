package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Nd4jSync;
import dev.layerbench.model.Blas;
import dev.layerbench.model.ThreadPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/*
 * The measured ceiling: one bare matrix product X·W of the first layer's size, into a preallocated output, on
 * the same ND4J build, through the same BLAS call and under the same thread budget as the own layer. A layer
 * cannot beat the GEMM it contains, so "% of ceiling" in the timing tables is the layer's GFLOP/s over this
 * one's: what the rest of the layer costs. At small batches the ceiling itself is far below the BLAS peak:
 * call overhead, not arithmetic, sets the floor there.
 *
 * How to run: layerbench bench --impl gemm --preset quick
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class GemmCeilingBenchmark extends ShapeParams {
    private INDArray x;
    private INDArray w;
    private INDArray product;
    private Blas blas;

    @Setup
    public void setUp() {
        BenchmarkShape shape = shape();
        ThreadPolicy.forBudget(threads).apply();
        int width = hidden > 0 ? hidden : out;
        x = shape.inputs();
        w = Nd4j.rand(shape.dtype().nd4j(), in, width);
        product = Nd4j.create(shape.dtype().nd4j(), batch, width);
        blas = Blas.forCurrentBackend();
    }

    @Benchmark
    public INDArray gemm() {
        blas.gemm(x, false, w, false, 1.0, 0.0, product);
        Nd4jSync.afterOps();
        return product;
    }
}
