package dev.layerbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LossTest {
    @Test
    void softmaxTargetsAreOneHotAndBinaryTargetsAreAColumn() {
        assertArrayEquals(new double[][]{{0, 1, 0}, {0, 0, 1}},
                Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 2}, 3, Dtype.FLOAT64.nd4j()).toDoubleMatrix());
        assertArrayEquals(new double[][]{{1}, {0}},
                Loss.SIGMOID_BINARY_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, Dtype.FLOAT64.nd4j()).toDoubleMatrix());
    }

    @Test
    void binaryProbabilitiesAreComplementColumns() {
        INDArray logits = Nd4j.createFromArray(new double[][]{{0.0}, {2.0}});
        INDArray p = Nd4j.create(logits.dataType(), 2, 2);
        Loss.SIGMOID_BINARY_CROSS_ENTROPY.probabilities(logits, p);
        double s = 1 / (1 + Math.exp(-2.0));
        assertArrayEquals(new double[][]{{0.5, 0.5}, {1 - s, s}}, p.toDoubleMatrix());
    }

    @Test
    void softmaxLossOfUniformLogitsIsLogK() {
        INDArray logits = Nd4j.zeros(Dtype.FLOAT64.nd4j(), 4, 5);
        INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{0, 1, 2, 3}, 5, Dtype.FLOAT64.nd4j());
        LossBuffers buffers = LossBuffers.allocate(logits.dataType(), 4, 5);
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.lossAndResidual(logits, targets, buffers, Blas.forCurrentBackend());
        INDArray residual = buffers.residual();
        assertEquals(Math.log(5), loss, 1e-15);
        assertArrayEquals(new double[]{-0.8, 0.2, 0.2, 0.2, 0.2}, residual.getRow(0).toDoubleVector(), 1e-15,
                "p − y, not yet divided by the batch size");
    }

    @Test
    void softmaxLossIsExactWhenAProbabilityUnderflows() {
        // p of the label is exp(−1000): 0 in float64, so log p would be −∞; the exact loss is 1000 (+ log1p(e^-1000))
        INDArray logits = Nd4j.createFromArray(new double[][]{{0.0, -1000.0}, {0.0, 0.0}});
        INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, Dtype.FLOAT64.nd4j());
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.lossAndResidual(logits, targets,
                LossBuffers.allocate(logits.dataType(), 2, 2), Blas.forCurrentBackend());
        assertEquals((1000.0 + Math.log(2)) / 2, loss, 1e-12);
    }

    @Test
    void aConfidentNetworkIsNotADivergedOne() {
        // the other class's probability underflows (log of it is −∞); the label's is 1: the loss is ~0, not NaN
        INDArray logits = Nd4j.createFromArray(new float[][]{{200f, -200f}, {-150f, 150f}});
        INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{0, 1}, 2, Dtype.FLOAT32.nd4j());
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.lossAndResidual(logits, targets,
                LossBuffers.allocate(logits.dataType(), 2, 2), Blas.forCurrentBackend());
        assertEquals(0.0, loss, 1e-12);
    }

    @Test
    void binaryLossStaysFiniteForHugeLogits() {
        // softplus written as max(z,0) + log1p(exp(−|z|)): exp(1000) would overflow
        INDArray logits = Nd4j.createFromArray(new double[][]{{1000.0}, {-1000.0}});
        INDArray targets = Nd4j.createFromArray(new double[][]{{0.0}, {1.0}});
        double loss = Loss.SIGMOID_BINARY_CROSS_ENTROPY.lossAndResidual(logits, targets,
                LossBuffers.allocate(logits.dataType(), 2, 1), Blas.forCurrentBackend());
        assertEquals(1000.0, loss, 1e-9);
    }
}
