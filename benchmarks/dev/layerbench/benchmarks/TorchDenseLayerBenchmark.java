package dev.layerbench.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.TorchDenseNetwork;
import dev.layerbench.model.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/*
 * The peer to beat: the same network, parameters and batch in PyTorch (libtorch 2.4 through DJL), written out op
 * by op like ours — no autograd, whose graph recording would only slow PyTorch down.
 *
 * The pitfall: DJL tensors are native memory that only close() frees. A benchmark that drops the logits of each
 * forward call leaks until the machine swaps, and then measures the swapping. TorchDenseNetwork closes every
 * intermediate; the forward benchmark closes the logits it is handed.
 *
 * Its parameters are restored before each iteration, in place, as the own layer's are and for the same reason
 * (see OwnDenseLayerBenchmark): a train step on one fixed batch would otherwise time a network in another state on
 * the faster side.
 *
 * The train step is forward, loss gradient, backward and the SGD update — without the loss
 * (computeGradientsWithoutLoss), whose value would be copied to the host in the middle of the step; the own twin
 * skips its loss the same way, so both time the same work, and the loss is checked outside any measurement
 * (TorchDenseNetworkTest).
 *
 * On the CPU libtorch computes before it returns; on a CUDA device it only queues the work, so every method ends
 * by waiting once for its last result (network.synchronize: one element copied to the host, which waits for the
 * stream), and so does the restore, or its copy would run inside the iteration's first timed call.
 * benchmarks/NOTES.md, "GPU timing", has both sides.
 *
 * Its intra-op threads are the row's budget, set in setup and checked there (TorchDenseNetwork.useIntraOpThreads),
 * the count the ND4J side gets for its BLAS.
 *
 * How to run: layerbench bench --impl pytorch --preset quick
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TorchDenseLayerBenchmark extends ShapeParams {
    private TorchDenseNetwork network;
    private NDArray x;
    private NDArray y;
    private NDList initialParameters;

    @Setup
    public void setUp() {
        TorchDenseNetwork.useIntraOpThreads(threads);
        BenchmarkShape shape = shape();
        network = TorchDenseNetwork.copyOf(Network.create(shape.spec()), TorchDenseNetwork.benchmarkDevice());
        x = network.fromNd4j(shape.inputs());
        y = network.fromNd4j(shape.targets());
        network.computeGradients(x, y);
        initialParameters = network.copyParameters();
    }

    @Setup(Level.Iteration)
    public void restoreParameters() {
        network.restoreParameters(initialParameters);
        network.synchronize(lastParameter());
    }

    @TearDown
    public void tearDown() {
        network.close();
    }

    @Benchmark
    public long forward() {
        try (NDArray logits = network.forward(x)) {
            network.synchronize(logits);
            return logits.getShape().get(1);
        }
    }

    @Benchmark
    public NDArray backward() {
        network.backward();
        // the first layer's bias gradient is what backward writes last; no view to make, unlike weightGradient
        network.synchronize(network.biasGradient(0));
        return network.biasGradient(0);
    }

    @Benchmark
    public TorchDenseNetwork trainStep() {
        network.computeGradientsWithoutLoss(x, y);
        network.sgdStep(0.01);
        network.synchronize(lastParameter());
        return network;
    }

    /** The tensor a step and a restore write last: waiting for it waits for all they queued. */
    private NDArray lastParameter() {
        return network.bias(network.layerCount() - 1);
    }
}
