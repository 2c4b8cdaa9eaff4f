package dev.layerbench.benchmarks;

import dev.layerbench.model.Blas;
import dev.layerbench.model.ThreadPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/*
 * Why the own layer calls what it calls: each pair below computes the same thing two ways, the convenient ND4J
 * call first, the one the layer uses second. At the shapes people train on (batch 1 to 128, ten classes) the
 * arithmetic takes a microsecond or two, so what a call costs around it decides the step time.
 *
 *   gemmNd4j / gemmDirect         X·W through Nd4j.gemm, or cblas_sgemm on the same buffers (Blas)
 *   sumReduction / sumDot         Σ (p ⊙ y) as a mul op plus a reduction op, or one BLAS dot
 *   sgdUpdater / sgdAxpy          θ −= lr·g through ND4J's Sgd updater and a subtraction, or one BLAS axpy
 *
 * The results of a run on 2 cores are in benchmarks/NOTES.md ("What one call costs").
 *
 * How to run (it is not one of bench's implementations):
 *   java -cp target/layerbench.jar org.openjdk.jmh.Main DispatchOverhead -f 1 -p batch=1,128
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DispatchOverheadBenchmark {
    @Param({"1", "128"})
    public int batch;
    /** OpenBLAS's threads, as {@link ShapeParams#threads}; one keeps the call, not the threading, in the numbers. */
    @Param("1")
    public int threads;

    private final Blas blas = Blas.forCurrentBackend();
    private INDArray x;
    private INDArray w;
    private INDArray z;
    private INDArray p;
    private INDArray y;
    private INDArray parameters;
    private INDArray gradient;
    private GradientUpdater<?> sgd;

    @Setup
    public void setUp() {
        ThreadPolicy.forBudget(threads).apply();
        x = Nd4j.rand(DataType.FLOAT, batch, 784);
        w = Nd4j.rand(DataType.FLOAT, 784, 10);
        z = Nd4j.create(DataType.FLOAT, batch, 10);
        p = Nd4j.rand(DataType.FLOAT, batch, 10);
        y = Nd4j.rand(DataType.FLOAT, batch, 10);
        parameters = Nd4j.rand(DataType.FLOAT, 1, 7850);
        gradient = Nd4j.rand(DataType.FLOAT, 1, 7850).muli(1e-9);
        // the updater scales the gradient in place each call: a rate of 1 keeps it from decaying into denormals,
        // which would time the FPU's slow path instead of the call
        sgd = new Sgd(1.0).instantiate((INDArray) null, true);
    }

    @Benchmark
    public INDArray gemmNd4j() {
        return Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
    }

    @Benchmark
    public INDArray gemmDirect() {
        blas.gemm(x, false, w, false, 1.0, 0.0, z);
        return z;
    }

    @Benchmark
    public double sumReduction() {
        return p.mul(y).sumNumber().doubleValue();
    }

    @Benchmark
    public double sumDot() {
        return blas.dot(p, y);
    }

    @Benchmark
    public INDArray sgdUpdater() {
        sgd.applyUpdater(gradient, 0, 0);
        return parameters.subi(gradient);
    }

    @Benchmark
    public INDArray sgdAxpy() {
        blas.axpy(-1.0, gradient, parameters);
        return parameters;
    }
}
