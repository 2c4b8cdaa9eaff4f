package dev.layerbench.benchmarks;

import ai.djl.ndarray.NDArray;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Dl4jNetworks;
import dev.layerbench.bench.TorchDenseNetwork;
import dev.layerbench.model.DenseLayer;
import dev.layerbench.model.Network;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Several train steps, then the per-iteration setup: every parameter is back where setup started it, bit for bit,
 * on all three implementations — so each iteration of each side starts from the same network.
 */
class TrainStepRestoreTest {
    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private static final BenchmarkShape SHAPE = BenchmarkShape.of(4, 8, 3, 5, "float32");
    private static final int STEPS = 5;

    @Test
    void own() {
        OwnDenseLayerBenchmark benchmark = atShape(new OwnDenseLayerBenchmark());
        benchmark.setUp();
        float[] initial = Network.create(SHAPE.spec()).parameters().toFloatVector();
        Network network = null;
        for (int i = 0; i < STEPS; i++) {
            network = benchmark.trainStep();
        }
        assertFalse(Arrays.equals(initial, network.parameters().toFloatVector()), "the steps moved the parameters");

        benchmark.restoreParameters();
        assertArrayEquals(initial, network.parameters().toFloatVector());
    }

    @Test
    void dl4j() {
        Dl4jDenseLayerBenchmark benchmark = atShape(new Dl4jDenseLayerBenchmark());
        benchmark.setUp();
        float[] initial = Dl4jNetworks.copyOf(Network.create(SHAPE.spec()), 0.01).params().toFloatVector();
        MultiLayerNetwork network = null;
        for (int i = 0; i < STEPS; i++) {
            network = benchmark.trainStep();
        }
        assertFalse(Arrays.equals(initial, network.params().toFloatVector()), "the steps moved the parameters");

        benchmark.restoreParameters();
        assertArrayEquals(initial, network.params().toFloatVector());
    }

    /** The restore writes in place, so the transposed views libtorch's linear reads see it: the logits agree too. */
    @Test
    void pytorch() {
        TorchDenseLayerBenchmark benchmark = atShape(new TorchDenseLayerBenchmark());
        benchmark.setUp();
        try {
            List<DenseLayer> layers = Network.create(SHAPE.spec()).layers();
            TorchDenseNetwork network = benchmark.trainStep();
            benchmark.restoreParameters();
            NDArray x = network.fromNd4j(SHAPE.inputs());
            float[] initialLogits = logits(network, x);
            for (int i = 0; i < STEPS; i++) {
                benchmark.trainStep();
            }
            assertFalse(Arrays.equals(initialLogits, logits(network, x)), "the steps moved the parameters");

            benchmark.restoreParameters();
            for (int i = 0; i < layers.size(); i++) {
                assertArrayEquals(layers.get(i).weights().dup('c').data().asFloat(),
                        network.weights(i).toFloatArray(), "W" + (i + 1));
                assertArrayEquals(layers.get(i).bias().dup('c').data().asFloat(),
                        network.bias(i).toFloatArray(), "b" + (i + 1));
            }
            assertArrayEquals(initialLogits, logits(network, x));
        } finally {
            benchmark.tearDown();
        }
    }

    private static float[] logits(TorchDenseNetwork network, NDArray x) {
        try (NDArray logits = network.forward(x)) {
            return logits.toFloatArray();
        }
    }

    private static <T extends ShapeParams> T atShape(T benchmark) {
        benchmark.batch = SHAPE.batch();
        benchmark.in = SHAPE.in();
        benchmark.out = SHAPE.out();
        benchmark.hidden = SHAPE.hidden();
        benchmark.dtype = SHAPE.dtype().label();
        benchmark.threads = 1;
        return benchmark;
    }
}
