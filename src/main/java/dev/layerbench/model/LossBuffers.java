package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a loss writes into, allocated once per batch size: the residual {@code p − y} (B×O) that backpropagation
 * starts from, a scratch matrix of the same shape, one number per example (B×1), and a column of ones (O×1) that
 * turns row sums into a matrix-vector product.
 */
public record LossBuffers(INDArray residual, INDArray scratch, INDArray perExample, INDArray onesPerOutput) {

    public static LossBuffers allocate(DataType dtype, int batch, int outputs) {
        return new LossBuffers(Nd4j.create(dtype, batch, outputs), Nd4j.create(dtype, batch, outputs),
                Nd4j.create(dtype, batch, 1), Nd4j.ones(dtype, outputs, 1));
    }
}
