package dev.layerbench.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Blas;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PyTorch twin against our ND4J network, given identical parameters and batch: loss and every gradient must
 * agree to rounding (1e-10 relative in float64), which is what lets a benchmark call the two the same computation.
 */
class TorchDenseNetworkTest {
    static {
        // Before anything touches DJL's Engine: libtorch comes from the native jar, never from the network.
        System.setProperty("ai.djl.offline", "true");
    }

    private static final int INPUTS = 4;
    private static final int BATCH = 5;

    /** Every activation × loss, without a hidden layer and with three hidden units. */
    static Stream<Arguments> everyActivationLossAndDepth() {
        return Stream.of(Activation.values()).flatMap(a -> Stream.of(Loss.values()).flatMap(l ->
                Stream.of(Arguments.of(a, l, 0), Arguments.of(a, l, 3))));
    }

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("everyActivationLossAndDepth")
    void float64GradientsEqualOurs(Activation activation, Loss loss, int hidden) {
        assertSameStep(activation, loss, hidden, Dtype.FLOAT64, 1e-10, 1e-12);
    }

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("everyActivationLossAndDepth")
    void float32GradientsEqualOurs(Activation activation, Loss loss, int hidden) {
        assertSameStep(activation, loss, hidden, Dtype.FLOAT32, 1e-5, 1e-6);
    }

    private static void assertSameStep(Activation activation, Loss loss, int hidden, Dtype dtype,
                                       double relative, double absolute) {
        Network ours = network(hidden, activation, loss, dtype);
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(ours)) {
            INDArray x = inputs(dtype);
            INDArray y = targets(loss, dtype);
            assertClose(ours.forward(x), torch.forward(torch.fromNd4j(x)), relative, absolute, "logits");

            double ourLoss = ours.computeGradients(x, y);
            double torchLoss = torch.computeGradients(torch.fromNd4j(x), torch.fromNd4j(y));

            assertTrue(close(ourLoss, torchLoss, relative, absolute), "loss: ours " + ourLoss + ", torch " + torchLoss);
            assertSameGradients(ours, torch, relative, absolute, "");
        }
        // the timed train steps' path, on fresh networks (whose gradients start at zero): the loss left out on both
        Network fresh = network(hidden, activation, loss, dtype);
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(fresh)) {
            INDArray x = inputs(dtype);
            INDArray y = targets(loss, dtype);
            fresh.computeGradientsWithoutLoss(x, y);
            torch.computeGradientsWithoutLoss(torch.fromNd4j(x), torch.fromNd4j(y));
            assertSameGradients(fresh, torch, relative, absolute, " without the loss");
        }
    }

    private static void assertSameGradients(Network ours, TorchDenseNetwork torch, double relative, double absolute,
                                            String path) {
        assertEquals(ours.layers().size(), torch.layerCount(), "layers");
        for (int i = 0; i < torch.layerCount(); i++) {
            assertClose(ours.layers().get(i).weightGradient(), torch.weightGradient(i), relative, absolute,
                    "dW" + (i + 1) + path);
            assertClose(ours.layers().get(i).biasGradient(), torch.biasGradient(i), relative, absolute,
                    "db" + (i + 1) + path);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardRepeatedGivesIdenticalGradients(Activation activation) {
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(
                network(3, activation, Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT64))) {
            torch.computeGradients(torch.fromNd4j(inputs(Dtype.FLOAT64)),
                    torch.fromNd4j(targets(Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT64)));
            double[][] first = gradients(torch);
            torch.backward();
            double[][] second = gradients(torch);
            torch.backward();
            double[][] third = gradients(torch);
            for (int k = 0; k < first.length; k++) {
                assertArrayEquals(first[k], second[k], 0.0, "gradient " + k + " after one backward()");
                assertArrayEquals(first[k], third[k], 0.0, "gradient " + k + " after two backward()");
            }
        }
    }

    @Test
    void sgdStepMovesParametersByExactlyLearningRateTimesGradient() {
        double learningRate = 0.37;
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(
                network(3, Activation.TANH, Loss.SIGMOID_BINARY_CROSS_ENTROPY, Dtype.FLOAT64))) {
            torch.computeGradients(torch.fromNd4j(inputs(Dtype.FLOAT64)),
                    torch.fromNd4j(targets(Loss.SIGMOID_BINARY_CROSS_ENTROPY, Dtype.FLOAT64)));
            double[][] before = parameters(torch);
            double[][] gradients = gradients(torch);
            torch.sgdStep(learningRate);
            double[][] after = parameters(torch);
            for (int k = 0; k < before.length; k++) {
                double[] expected = new double[before[k].length];
                for (int j = 0; j < expected.length; j++) {
                    expected[j] = before[k][j] - learningRate * gradients[k][j];
                }
                assertTrue(Arrays.stream(gradients[k]).anyMatch(g -> g != 0), "gradient " + k + " is all zero");
                assertArrayEquals(expected, after[k], 0.0, "parameter " + k);
            }
        }
    }

    /**
     * Counts the tensors the network's manager tracks; DJL attaches every tensor an op returns and detaches it only
     * when it is closed, so a missed close in any method makes the count grow with the number of steps.
     */
    @Test
    void tenThousandStepsLeaveNoTensorBehind() {
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(
                network(3, Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT32))) {
            NDArray x = torch.fromNd4j(inputs(Dtype.FLOAT32));
            NDArray y = torch.fromNd4j(targets(Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT32));
            step(torch, x, y);
            int tracked = torch.manager().getManagedArrays().size();
            // W, b, dW, db per layer; saved hidden activations and logit gradient; x and y
            assertEquals(4 * 2 + 2 + 2, tracked, "tensors tracked after one step");

            NDArray leaked = torch.forward(x);
            assertEquals(tracked + 1, torch.manager().getManagedArrays().size(), "the count sees an unclosed result");
            leaked.close();

            for (int i = 0; i < 10_000; i++) {
                step(torch, x, y);
            }
            assertEquals(tracked, torch.manager().getManagedArrays().size(), "tensors tracked after 10,001 steps");
        }
    }

    private static void step(TorchDenseNetwork torch, NDArray x, NDArray y) {
        torch.computeGradients(x, y);
        torch.backward();
        torch.sgdStep(0.01);
        try (NDScope scope = new NDScope()) {
            torch.forward(x);
        }
    }

    /**
     * The two ceilings compute the product they name: TorchDenseNetwork.gemm (the PyTorch layer's call) and our
     * Blas, on operands stored as {@link Product} says, against the product of materialised transposes.
     */
    @ParameterizedTest(name = "hidden={0}")
    @ValueSource(ints = {0, 5})
    void everyCeilingProductIsComputedWithItsFlags(int hidden) {
        BenchmarkShape shape = BenchmarkShape.of(4, 8, 3, hidden, "float64");
        Blas blas = Blas.forCurrentBackend();
        try (TorchDenseNetwork holder = TorchDenseNetwork.copyOf(Network.create(shape.spec()))) {
            for (Product product : Product.distinct(shape, List.of(Implementation.values()))) {
                INDArray a = shape.matrix(product.shapeOfA(), 2);
                INDArray b = shape.matrix(product.shapeOfB(), 3);
                INDArray expected = (product.transposeA() ? a.transpose() : a)
                        .mmul(product.transposeB() ? b.transpose() : b);
                INDArray ours = Nd4j.create(shape.dtype().nd4j(), product.m(), product.n());
                blas.gemm(a, product.transposeA(), b, product.transposeB(), 1.0, 0.0, ours);
                assertEquals(0.0, expected.sub(ours).amaxNumber().doubleValue(), 1e-12, product.label() + " (Blas)");
                try (NDScope scope = new NDScope()) {
                    assertClose(expected, TorchDenseNetwork.gemm(holder.fromNd4j(a), product.transposeA(),
                            holder.fromNd4j(b), product.transposeB()), 1e-12, 1e-12, product.label() + " (PyTorch)");
                }
            }
        }
    }

    /** The versions come from the engine, so this pins the ones the pom asks for. */
    @Test
    void engineDescriptionNamesTheLibtorchAndDjlVersions() {
        String description = TorchDenseNetwork.engineDescription();
        assertTrue(description.startsWith("PyTorch 2.4.0 via DJL 0.30.0, "), description);
    }

    private static Network network(int hidden, Activation activation, Loss loss, Dtype dtype) {
        return Network.create(new NetworkSpec(INPUTS, hidden, activation, classesFor(loss), loss,
                new Initializer.Normal(0.7), new Initializer.Normal(0.3), dtype, 11));
    }

    private static int classesFor(Loss loss) {
        return loss == Loss.SIGMOID_BINARY_CROSS_ENTROPY ? 2 : 3;
    }

    private static INDArray inputs(Dtype dtype) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = rng.doubles(BATCH * INPUTS, -2, 2).toArray();
        return Nd4j.createFromArray(x).reshape('c', BATCH, INPUTS).castTo(dtype.nd4j());
    }

    private static INDArray targets(Loss loss, Dtype dtype) {
        int classes = classesFor(loss);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = (i * 7 + 1) % classes;
        }
        return loss.targets(labels, classes, dtype.nd4j());
    }

    /** [dW₁, db₁, dW₂, db₂] as doubles, copied out of the network's gradient arrays. */
    private static double[][] gradients(TorchDenseNetwork torch) {
        double[][] out = new double[2 * torch.layerCount()][];
        for (int i = 0; i < torch.layerCount(); i++) {
            out[2 * i] = torch.weightGradient(i).toDoubleArray();
            out[2 * i + 1] = torch.biasGradient(i).toDoubleArray();
        }
        return out;
    }

    private static double[][] parameters(TorchDenseNetwork torch) {
        double[][] out = new double[2 * torch.layerCount()][];
        for (int i = 0; i < torch.layerCount(); i++) {
            out[2 * i] = torch.weights(i).toDoubleArray();
            out[2 * i + 1] = torch.bias(i).toDoubleArray();
        }
        return out;
    }

    private static void assertClose(INDArray ours, NDArray torch, double relative, double absolute, String what) {
        assertArrayEquals(ours.shape(), torch.getShape().getShape(), what + " shape");
        double[] expected = ours.dup('c').data().asDouble();
        double[] actual = torch.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertTrue(close(expected[i], actual[i], relative, absolute),
                    () -> String.format(Locale.US, "%s[%d]: ours %.17g, torch %.17g", what, at, expected[at], actual[at]));
        }
    }

    private static boolean close(double expected, double actual, double relative, double absolute) {
        double difference = Math.abs(expected - actual);
        return difference < absolute || difference <= relative * Math.max(Math.abs(expected), Math.abs(actual));
    }
}
