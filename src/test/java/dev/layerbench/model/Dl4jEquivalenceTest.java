package dev.layerbench.model;

import dev.layerbench.bench.Dl4jNetworks;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * layerbench's layers against DL4J's own DenseLayer/OutputLayer in a MultiLayerNetwork, given identical
 * parameters: the gradients and the loss must agree to 1e-5 (relative) in float64. This pins our layout and
 * averaging conventions (loss averaged over the batch, W as nIn × nOut) to the reference implementation.
 *
 * <p>DL4J's {@code computeGradientAndScore} returns gradients summed over the batch — its updater divides by the
 * minibatch size later — while its score, like our loss and gradients, is the batch mean; hence the division.
 */
class Dl4jEquivalenceTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("dev.layerbench.model.SmallNetworks#everyActivationLossAndDepth")
    void gradientsEqualDl4j(Activation activation, Loss loss, int hidden) {
        Network ours = SmallNetworks.network(hidden, activation, loss, Dtype.FLOAT64);
        INDArray x = SmallNetworks.inputs(Dtype.FLOAT64);
        INDArray y = loss.targets(SmallNetworks.labels(loss), SmallNetworks.classesFor(loss), x.dataType());
        double ourLoss = ours.computeGradients(x, y);

        MultiLayerNetwork reference = Dl4jNetworks.copyOf(ours, 0.1);
        reference.setInput(x);
        reference.setLabels(y);
        reference.computeGradientAndScore();
        Gradient gradient = reference.gradient();

        assertEquals(ourLoss, reference.score(), TOLERANCE * Math.abs(ourLoss), "loss");
        double batch = x.rows();
        for (int i = 0; i < ours.layers().size(); i++) {
            assertClose(gradient.getGradientFor(i + "_W").div(batch), ours.layers().get(i).weightGradient(), i + "_W");
            assertClose(gradient.getGradientFor(i + "_b").div(batch), ours.layers().get(i).biasGradient(), i + "_b");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String name) {
        double[] e = expected.reshape(actual.shape()).dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        assertEquals(e.length, a.length, name + " length");
        for (int i = 0; i < e.length; i++) {
            double scale = Math.max(Math.abs(e[i]), 1e-8);
            assertTrue(Math.abs(e[i] - a[i]) <= TOLERANCE * scale,
                    name + "[" + i + "]: DL4J " + e[i] + ", layerbench " + a[i]);
        }
    }
}
