package dev.layerbench.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagation against central finite differences, in float64, for every activation × loss × depth.
 *
 * <p>Relative error {@code |a − n| / max(|a|, |n|)} must stay below 1e-6. Where both gradients are below 1e-9 in
 * absolute terms the relative error is meaningless (it is round-off over round-off), so an absolute difference
 * below 1e-9 passes — the same rule DL4J's GradientCheckUtil applies.
 */
class GradientCheckTest {
    private static final double EPSILON = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-6;
    private static final double MIN_ABSOLUTE_ERROR = 1e-9;

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("dev.layerbench.model.SmallNetworks#everyActivationLossAndDepth")
    void backpropMatchesFiniteDifferences(Activation activation, Loss loss, int hidden) {
        Network net = SmallNetworks.network(hidden, activation, loss, Dtype.FLOAT64);
        INDArray x = SmallNetworks.inputs(Dtype.FLOAT64);
        INDArray y = loss.targets(SmallNetworks.labels(loss), SmallNetworks.classesFor(loss), x.dataType());

        net.computeGradients(x, y);
        double[] analytic = net.gradients().toDoubleVector();
        INDArray params = net.parameters();

        for (int i = 0; i < analytic.length; i++) {
            double original = params.getDouble(0, i);
            params.putScalar(0, i, original + EPSILON);
            double plus = net.computeGradients(x, y);
            params.putScalar(0, i, original - EPSILON);
            double minus = net.computeGradients(x, y);
            params.putScalar(0, i, original);
            double numeric = (plus - minus) / (2 * EPSILON);

            double difference = Math.abs(analytic[i] - numeric);
            double relative = difference / Math.max(Math.abs(analytic[i]), Math.abs(numeric));
            assertTrue(difference < MIN_ABSOLUTE_ERROR || relative < MAX_RELATIVE_ERROR,
                    "parameter " + i + ": backprop " + analytic[i] + ", finite difference " + numeric
                            + ", relative error " + relative);
        }
    }
}
