package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Nd4jSync;
import dev.layerbench.bench.Product;
import dev.layerbench.model.Blas;
import dev.layerbench.model.ThreadPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/*
 * The measured ceiling of one matrix product, C = op(A)·op(B), on the same ND4J build, through the same Blas call
 * with the same transpose flags as the own layer, into an output allocated once, under the same thread budget used
 * the same way (ThreadPolicy.forOwnLayer: the network's fitted OpenBLAS count and the second lane).
 * `product` names which one (Product): gemm:l1.xw is the forward X·W, gemm:l1.xtg the weight gradient,
 * gemm:l1.gwt the input gradient G·Wᵀ, and l2 the same for the layer above a hidden one — each called as the layer
 * calls it, on W stored transposed (O×I): X·(Wᵀ)ᵀ, dWᵀ = Gᵀ·X, G·(Wᵀ).
 *
 * The pitfall: a ceiling of one product cannot bound an operation made of several products of other shapes.
 * Backward's weight gradient has the batch as its inner dimension — at a batch of one it is an outer product, another BLAS
 * kernel than the forward's — so the forward's X·W, scaled by FLOPs, says nothing about what backward could
 * reach. Each product is therefore timed here on its own, and an operation's ceiling is the sum of its products'
 * times (Product.of lists them per implementation). A layer cannot beat the products it contains; at small
 * batches the ceiling itself is far below the BLAS peak: call overhead, not arithmetic, sets the floor there.
 *
 * A and B are stored as the layer stores them (X as B×I, G as B×O, W as O×I) with fixed-seed values, and the
 * flags go to BLAS: no transpose is materialised, here or in the layer.
 *
 * On a GPU the call returns before the product has run, and the layer waits once for all its products; a wait
 * after each product here would add a round trip per product, so the row queues Product.PER_WAIT of them and
 * waits once (Product.PER_WAIT says why that keeps the sum a floor).
 *
 * How to run: layerbench bench --impl gemm --preset quick
 *   by hand: java -cp target/layerbench.jar org.openjdk.jmh.Main GemmCeiling -p product=gemm:l1.xtg -p batch=1
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class GemmCeilingBenchmark extends ShapeParams {
    /** The label of the product to time, as Product.label() writes it. */
    @Param("gemm:l1.xw")
    public String product;

    private Product timed;
    private INDArray a;
    private INDArray b;
    private INDArray c;
    private Blas blas;

    @Setup
    public void setUp() {
        BenchmarkShape shape = shape();
        ThreadPolicy.forOwnLayer(threads, shape.spec(), shape.batch()).apply();
        timed = Product.parse(product, shape);
        a = shape.matrix(timed.shapeOfA(), 2);
        b = shape.matrix(timed.shapeOfB(), 3);
        c = Nd4j.create(shape.dtype().nd4j(), timed.m(), timed.n());
        blas = Blas.forCurrentBackend();
    }

    /** Product.PER_WAIT products into the same C, then one wait: on a GPU a wait per product is no ceiling. */
    @Benchmark
    @OperationsPerInvocation(Product.PER_WAIT)
    public INDArray gemm() {
        for (int i = 0; i < Product.PER_WAIT; i++) {
            blas.gemm(a, timed.transposeA(), b, timed.transposeB(), 1.0, 0.0, c);
        }
        Nd4jSync.afterOps();
        return c;
    }
}
