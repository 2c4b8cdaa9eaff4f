package dev.layerbench.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Network#sgdStep}, SGD's update inside the backward products, against the two-pass step it replaces:
 * gradients, then {@link Optimizer#step}. The two round differently (the product adds onto the parameters instead
 * of storing the gradient first), so they agree to a tolerance, which a dL/dX taken after the weights moved, a
 * product that overwrote the parameters, or an outer product that zeroed them first would each exceed by far.
 */
class SgdInsideBackwardTest {
    private static final double LR = 0.1;
    private static final int STEPS = 3;

    static Stream<Arguments> everyActivationLossDepthAndDtype() {
        return SmallNetworks.everyActivationLossDepthAndDtype();
    }

    @ParameterizedTest(name = "{0} {1} hidden {2} {3}")
    @MethodSource("everyActivationLossDepthAndDtype")
    void smallNetworksLandWhereTheTwoPassStepLands(Activation activation, Loss loss, int hidden, Dtype dtype) {
        INDArray x = SmallNetworks.inputs(dtype);
        INDArray y = loss.targets(SmallNetworks.labels(loss), SmallNetworks.classesFor(loss), x.dataType());
        assertSameSteps(SmallNetworks.network(hidden, activation, loss, dtype),
                SmallNetworks.network(hidden, activation, loss, dtype), x, y, dtype == Dtype.FLOAT64 ? 1e-13 : 1e-5);
    }

    /**
     * Shapes that reach OpenBlasGemm's other paths: a batch of one (the weight product an outer product, ger adding
     * onto the weights), and the hidden layer's 128 × 784 → 64 → 10 in float32 (its narrow products cut into
     * pieces, or shared with the second lane where it is allowed — both settings).
     */
    static Stream<Arguments> benchShapes() {
        return Stream.of(Arguments.of(1, 0, Dtype.FLOAT32, false), Arguments.of(1, 64, Dtype.FLOAT64, false),
                Arguments.of(128, 64, Dtype.FLOAT32, false), Arguments.of(128, 64, Dtype.FLOAT32, true),
                Arguments.of(32, 0, Dtype.FLOAT64, false));
    }

    @ParameterizedTest(name = "batch {0}, hidden {1}, {2}, second lane {3}")
    @MethodSource("benchShapes")
    void benchShapesLandWhereTheTwoPassStepLands(int batch, int hidden, Dtype dtype, boolean secondLane) {
        NetworkSpec spec = new NetworkSpec(784, hidden, Activation.TANH, 10, Loss.SOFTMAX_CROSS_ENTROPY,
                new Initializer.Normal(0.05), new Initializer.Normal(0.1), dtype, 7);
        SplittableRandom rng = new SplittableRandom(5);
        double[] pixels = new double[batch * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextDouble();
        }
        INDArray x = Nd4j.createFromArray(pixels).reshape('c', batch, 784).castTo(dtype.nd4j());
        int[] labels = rng.ints(batch, 0, 10).toArray();
        INDArray y = Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, 10, x.dataType());
        boolean wasAllowed = SecondLane.INSTANCE.allowed();
        SecondLane.INSTANCE.allow(secondLane);
        try {
            assertSameSteps(Network.create(spec), Network.create(spec), x, y, dtype == Dtype.FLOAT64 ? 1e-13 : 1e-5);
        } finally {
            SecondLane.INSTANCE.allow(wasAllowed);
        }
    }

    /** {@code STEPS} steps each way from the same start: equal losses and parameters, gradients left alone. */
    private static void assertSameSteps(Network twoPass, Network inside, INDArray x, INDArray y, double tolerance) {
        Optimizer sgd = new Optimizer(OptimizerKind.SGD, LR, twoPass);
        double[] gradientsBefore = inside.gradients().toDoubleVector();
        for (int step = 0; step < STEPS; step++) {
            double expectedLoss = twoPass.computeGradients(x, y);
            sgd.step(twoPass, 0);
            double loss = inside.sgdStep(x, y, LR);
            assertEquals(expectedLoss, loss, tolerance * Math.max(1, Math.abs(expectedLoss)), "loss at step " + step);
        }
        double[] expected = twoPass.parameters().toDoubleVector();
        double[] actual = inside.parameters().toDoubleVector();
        double largestMove = 0;
        double[] start = Network.create(twoPass.spec()).parameters().toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            largestMove = Math.max(largestMove, Math.abs(expected[i] - start[i]));
        }
        assertTrue(largestMove > 100 * tolerance, "the steps must move the parameters: " + largestMove);
        assertArrayEquals(expected, actual, tolerance, "parameters after " + STEPS + " steps");
        assertArrayEquals(gradientsBefore, inside.gradients().toDoubleVector(), 0.0, "gradients untouched");
    }
}
