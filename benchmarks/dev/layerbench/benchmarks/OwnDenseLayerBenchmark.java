package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Nd4jSync;
import dev.layerbench.model.Network;
import dev.layerbench.model.ThreadPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/*
 * layerbench's own ND4J dense layer: forward, backward and a full SGD train step, timed separately.
 *
 * The pitfall: a step that allocates its outputs measures the allocator and ND4J's off-heap deallocation as
 * much as the arithmetic, and the cost moves with GC pressure. Network keeps one set of buffers per batch size,
 * so from the second call on, each benchmark below times only the ops. `backward` is repeatable because the
 * layers never overwrite what forward stored; it therefore times exactly dW (and dX) from fixed inputs.
 *
 * The train step trains one fixed batch over and over, so the faster side of a comparison would take more steps
 * and end in another state — a more confident network, its softmax nearer saturation — than the slower one. The
 * parameters are therefore restored before each iteration (restoreParameters). Within an iteration the network
 * still moves; restoring before every call (Level.Invocation) would put a timestamp's cost and noise into calls of
 * a few microseconds, which JMH's own documentation warns against.
 *
 * Threads are the row's budget, the count the PyTorch side is given too, used as the layer's own thread policy
 * uses them (ThreadPolicy.forOwnLayer: OpenBLAS's threads for a network with a product past 16 M multiply-adds, else
 * one, and the layer's second lane beside it) — as libtorch's grain sizes decide how many of its intra-op threads
 * an op takes. JMH runs several benchmarks in one JVM, and ND4J's thread counts are global, so every benchmark class
 * applies its policy in its setup.
 *
 * The train step is forward, loss gradient, backward and the SGD update, the update inside the backward's
 * products as `train` runs plain SGD (Network.sgdStepWithoutLoss; a pass of its own over the parameters would be
 * memory traffic the trainer does not pay) — without the loss's value. The loss is summed on the host, and on a
 * CUDA backend that read would wait for the device and copy in the middle of the step. The PyTorch twin skips its
 * loss the same way, so both time the same work; the loss itself is checked against PyTorch's outside any
 * measurement (TorchDenseNetworkTest).
 *
 * ND4J's CPU backend executes each op before returning; its CUDA backend only queues them, so every method ends
 * with Nd4jSync.afterOps(), which waits for the device there and does nothing on the CPU. The restore waits too,
 * or its copy would run inside the iteration's first timed call. benchmarks/NOTES.md, "GPU timing", has both sides.
 *
 * How to run: layerbench bench --impl own --preset quick   (or -p batch=128 through JMH's own runner)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class OwnDenseLayerBenchmark extends ShapeParams {
    private static final double LEARNING_RATE = 0.01;

    private Network network;
    private INDArray x;
    private INDArray y;
    private INDArray initialParameters;

    @Setup
    public void setUp() {
        BenchmarkShape shape = shape();
        ThreadPolicy.forOwnLayer(threads, shape.spec(), shape.batch()).apply();
        network = Network.create(shape.spec());
        x = shape.inputs();
        y = shape.targets();
        network.computeGradients(x, y);
        initialParameters = network.parameters().dup();
    }

    @Setup(Level.Iteration)
    public void restoreParameters() {
        network.parameters().assign(initialParameters);
        Nd4jSync.afterOps();
    }

    @Benchmark
    public INDArray forward() {
        INDArray logits = network.forward(x);
        Nd4jSync.afterOps();
        return logits;
    }

    @Benchmark
    public INDArray backward() {
        network.backward();
        Nd4jSync.afterOps();
        return network.gradients();
    }

    @Benchmark
    public Network trainStep() {
        network.sgdStepWithoutLoss(x, y, LEARNING_RATE);
        Nd4jSync.afterOps();
        return network;
    }
}
