package dev.layerbench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-Java float64 step against {@link Network} on ND4J's CPU backend in float64, for every activation ×
 * loss × depth: they must agree to rounding, or the GPU check would measure the reference's mistakes.
 */
class ReferenceStepTest {

    @ParameterizedTest(name = "{0} {1} hidden={2}")
    @MethodSource("dev.layerbench.model.SmallNetworks#everyActivationLossAndDepth")
    void equalsTheNetworkInFloat64(Activation activation, Loss loss, int hidden) {
        Network network = SmallNetworks.network(hidden, activation, loss, Dtype.FLOAT64);
        INDArray x = SmallNetworks.inputs(Dtype.FLOAT64);
        INDArray y = loss.targets(SmallNetworks.labels(loss), SmallNetworks.classesFor(loss), x.dataType());

        Map<String, double[]> reference = ReferenceStep.of(network, x, y);

        Map<String, double[]> ours = new LinkedHashMap<>();
        ours.put("logits", network.forward(x).dup('c').data().asDouble());
        ours.put("loss", new double[]{network.computeGradients(x, y)});
        for (int i = 0; i < network.layers().size(); i++) {
            ours.put("dW" + (i + 1), network.layers().get(i).weightGradient().dup('c').data().asDouble());
            ours.put("db" + (i + 1), network.layers().get(i).biasGradient().dup('c').data().asDouble());
        }
        assertEquals(List.copyOf(ours.keySet()), List.copyOf(reference.keySet()));
        ReferenceStep.Difference difference = ReferenceStep.Difference.of(reference, ours);
        assertTrue(difference.relative() < 1e-12, difference.toString());
    }

    @Test
    void sgdStepsMoveTheStartingParametersByTheReferenceGradients() {
        Network network = SmallNetworks.network(3, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT32);
        INDArray x = SmallNetworks.inputs(Dtype.FLOAT32);
        INDArray y = Loss.SOFTMAX_CROSS_ENTROPY.targets(SmallNetworks.labels(Loss.SOFTMAX_CROSS_ENTROPY),
                SmallNetworks.classesFor(Loss.SOFTMAX_CROSS_ENTROPY), x.dataType());
        double[] start = parametersInReferenceOrder(network);

        Map<String, double[]> none = ReferenceStep.afterSgd(network, x, y, 0.5, 0);
        assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(none.keySet()));
        assertArrayEquals(start, concat(none), "no step: where it started");

        Map<String, double[]> gradients = ReferenceStep.of(network, x, y);
        double[] expected = start.clone();
        int i = 0;
        for (double g : concat(gradients.get("dW1"), gradients.get("db1"), gradients.get("dW2"),
                gradients.get("db2"))) {
            expected[i] -= 0.5 * g;
            i++;
        }
        assertArrayEquals(expected, concat(ReferenceStep.afterSgd(network, x, y, 0.5, 1)), 1e-15);
        assertArrayEquals(start, parametersInReferenceOrder(network), "the start is left as it was");
        double[] second = concat(ReferenceStep.afterSgd(network, x, y, 0.5, 2));
        assertFalse(java.util.Arrays.equals(second, expected), "a second step moves on");
    }

    /** W₁ (I×O, row-major), b₁, W₂, b₂: the reference's order, not the network's storage (which keeps Wᵀ). */
    private static double[] parametersInReferenceOrder(Network network) {
        return concat(network.layers().stream().flatMap(layer -> java.util.stream.Stream.of(
                layer.weights().dup('c').data().asDouble(), layer.bias().dup('c').data().asDouble()))
                .toArray(double[][]::new));
    }

    private static double[] concat(Map<String, double[]> arrays) {
        return concat(arrays.values().toArray(double[][]::new));
    }

    private static double[] concat(double[]... arrays) {
        return java.util.Arrays.stream(arrays).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void differenceIsTheLargestErrorAgainstEachArraysOwnScale() {
        Map<String, double[]> expected = Map.of("big", new double[]{1000, -2000}, "small", new double[]{1e-3, 0});
        Map<String, double[]> actual = Map.of("big", new double[]{1000.2, -2000}, "small", new double[]{1e-3, 1e-6});
        ReferenceStep.Difference d = ReferenceStep.Difference.of(expected, actual);
        assertEquals(1e-3, d.relative(), 1e-12, "1e-6 against a largest value of 1e-3 beats 0.2 against 2000");
        assertEquals("small", d.worstArray());
        assertEquals(0.2, d.absolute(), 1e-9);
        assertEquals("max relative error 1.00e-03 (in small), max absolute error 2.00e-01", d.toString());
    }

    @Test
    void identicalArraysDifferByZeroAndNanIsTheWorstError() {
        Map<String, double[]> expected = Map.of("a", new double[]{1, 2});
        assertEquals(0, ReferenceStep.Difference.of(expected, Map.of("a", new double[]{1, 2})).relative());
        assertEquals(Double.POSITIVE_INFINITY,
                ReferenceStep.Difference.of(expected, Map.of("a", new double[]{1, Double.NaN})).relative());
        assertEquals(Double.POSITIVE_INFINITY,
                ReferenceStep.Difference.of(Map.of("a", new double[]{1, Double.NaN}), expected).relative());
    }

    @Test
    void differentArraysCannotBeCompared() {
        Map<String, double[]> expected = Map.of("a", new double[]{1, 2});
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceStep.Difference.of(expected, Map.of("b", new double[]{1, 2})));
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceStep.Difference.of(expected, Map.of("a", new double[]{1})));
    }
}
