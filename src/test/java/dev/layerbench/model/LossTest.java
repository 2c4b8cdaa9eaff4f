package dev.layerbench.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class LossTest {
    @Test
    void softmaxTargetsAreOneHotAndBinaryTargetsAreAColumn() {
        assertArrayEquals(new double[][]{{0, 1, 0}, {0, 0, 1}},
                Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 2}, 3, Dtype.FLOAT64.nd4j()).toDoubleMatrix());
        assertArrayEquals(new double[][]{{1}, {0}},
                Loss.SIGMOID_BINARY_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, Dtype.FLOAT64.nd4j()).toDoubleMatrix());
    }
}
