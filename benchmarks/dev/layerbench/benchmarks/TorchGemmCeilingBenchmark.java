package dev.layerbench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Product;
import dev.layerbench.bench.TorchDenseNetwork;
import dev.layerbench.model.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/*
 * PyTorch's ceiling of one matrix product, the twin of GemmCeilingBenchmark (whose comment says why each product
 * is timed alone and an operation's ceiling is their sum): `product` names it, and it is computed by
 * TorchDenseNetwork.gemm, the call the PyTorch layer's backward makes — a transposed view where a flag is set,
 * then matmul, which hands the view to BLAS as a transpose flag rather than copying it. The layer's forward runs
 * X·Wᵀ (W stored O×I) inside libtorch's linear, fused with the bias; its ceiling here is the product alone, as on the ND4J side.
 *
 * A and B are stored as the layer stores them, with the same fixed-seed values as the ND4J twin. C cannot be
 * allocated once: DJL has no out= form, so the product is a fresh tensor each call, closed at once with the views
 * by the scope around it, and libtorch's allocation is part of what this ceiling costs, as it is part of every
 * PyTorch layer. Product.PER_WAIT products are queued for each wait, as in the twin.
 *
 * How to run: layerbench bench --impl gemm --backends pytorch-cpu --preset quick
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TorchGemmCeilingBenchmark extends ShapeParams {
    /** The label of the product to time, as Product.label() writes it. */
    @Param("gemm:l1.xw")
    public String product;

    /** Owns the operands' tensors and knows their device; its network is never run. */
    private TorchDenseNetwork holder;
    private Product timed;
    private NDArray a;
    private NDArray b;

    @Setup
    public void setUp() {
        TorchDenseNetwork.useIntraOpThreads(threads);
        BenchmarkShape shape = shape();
        timed = Product.parse(product, shape);
        holder = TorchDenseNetwork.copyOf(Network.create(shape.spec()), TorchDenseNetwork.benchmarkDevice());
        a = holder.fromNd4j(shape.matrix(timed.shapeOfA(), 2));
        b = holder.fromNd4j(shape.matrix(timed.shapeOfB(), 3));
    }

    @TearDown
    public void tearDown() {
        holder.close();
    }

    /**
     * Product.PER_WAIT products, each closed as soon as it is queued (libtorch frees a CUDA tensor in stream order,
     * after the kernels queued before the free), then one wait for the last.
     */
    @Benchmark
    @OperationsPerInvocation(Product.PER_WAIT)
    public long gemm() {
        for (int i = 1; i < Product.PER_WAIT; i++) {
            try (NDScope scope = new NDScope()) {
                TorchDenseNetwork.gemm(a, timed.transposeA(), b, timed.transposeB());
            }
        }
        try (NDScope scope = new NDScope()) {
            NDArray c = TorchDenseNetwork.gemm(a, timed.transposeA(), b, timed.transposeB());
            holder.synchronize(c);
            return c.getShape().get(0);
        }
    }
}
