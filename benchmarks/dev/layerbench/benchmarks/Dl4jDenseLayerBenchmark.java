package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Dl4jNetworks;
import dev.layerbench.bench.Nd4jSync;
import dev.layerbench.model.Network;
import dev.layerbench.model.ThreadPolicy;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * The same network as a DL4J user writes it: MultiLayerNetwork with DenseLayer + OutputLayer, same parameters,
 * plain SGD. It shows what DL4J's layer machinery (workspaces, listeners, parameter views, score computation)
 * costs on top of the arithmetic that OwnDenseLayerBenchmark times.
 *
 * Its parameters are restored before each iteration, as the own layer's are and for the same reason (see
 * OwnDenseLayerBenchmark): a train step on one fixed batch would otherwise time a network in another state on
 * the faster side.
 *
 * It runs under the row's thread budget, as the own layer does (ThreadPolicy.forBudget): ND4J's default, every
 * core for both pools, would measure the two pools fighting (benchmarks/NOTES.md, step 1), not DL4J.
 *
 * DL4J's fit computes its score (the loss) and reads it on the host on every call; that cannot be switched off
 * and is part of what DL4J costs — on a GPU, a host read the own and PyTorch train steps do not make.
 *
 * There is no `backward` here: DL4J's public API offers backprop only together with a forward pass
 * (computeGradientAndScore), and timing that under the name "backward" would compare different work.
 *
 * How to run: layerbench bench --impl dl4j --preset quick
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class Dl4jDenseLayerBenchmark extends ShapeParams {
    private MultiLayerNetwork network;
    private INDArray x;
    private INDArray y;
    private INDArray initialParameters;

    @Setup
    public void setUp() {
        BenchmarkShape shape = shape();
        ThreadPolicy.forBudget(threads).apply();
        network = Dl4jNetworks.copyOf(Network.create(shape.spec()), 0.01);
        x = shape.inputs();
        y = shape.targets();
        initialParameters = network.params().dup();
    }

    @Setup(Level.Iteration)
    public void restoreParameters() {
        network.setParams(initialParameters);
        Nd4jSync.afterOps();
    }

    @Benchmark
    public INDArray forward() {
        INDArray output = network.output(x, false);
        Nd4jSync.afterOps();
        return output;
    }

    @Benchmark
    public MultiLayerNetwork trainStep() {
        network.fit(x, y);
        Nd4jSync.afterOps();
        return network;
    }
}
