package dev.layerbench.benchmarks;

import ai.djl.ndarray.NDArray;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.TorchDenseNetwork;
import dev.layerbench.model.Network;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/*
 * PyTorch's own ceiling: one bare matmul of the first layer's size through DJL, the twin of
 * GemmCeilingBenchmark. The product is a fresh tensor each call (DJL has no out= form), closed at once, so
 * libtorch's allocation is part of what this ceiling costs, as it is part of every PyTorch layer.
 *
 * How to run: layerbench bench --impl gemm --backends pytorch-cpu --preset quick
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TorchGemmCeilingBenchmark extends ShapeParams {
    private TorchDenseNetwork holder;
    private NDArray x;
    private NDArray w;

    @Setup
    public void setUp() {
        TorchDenseNetwork.useIntraOpThreads(threads);
        BenchmarkShape shape = shape();
        holder = TorchDenseNetwork.copyOf(Network.create(shape.spec()), TorchDenseNetwork.benchmarkDevice());
        x = holder.fromNd4j(shape.inputs());
        w = holder.fromNd4j(Nd4j.rand(shape.dtype().nd4j(), in, hidden > 0 ? hidden : out));
    }

    @TearDown
    public void tearDown() {
        holder.close();
    }

    @Benchmark
    public long gemm() {
        try (NDArray product = TorchDenseNetwork.gemm(x, w)) {
            holder.synchronize(product);
            return product.getShape().get(0);
        }
    }
}
