package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;


/**
 * The output non-linearity fused with its loss, averaged over the batch.
 *
 * <p>Fusing them is what makes the gradient with respect to the logits the simple, stable {@code (p − y) / B}
 * for both losses, and lets the loss itself be computed from log-probabilities without taking log of a
 * rounded-to-zero probability. The residual {@code p − y} is handed over unscaled: the layers apply the 1/B in
 * their products for free.
 */
public enum Loss implements Labelled {
    /** Softmax over K ≥ 2 output units, cross-entropy against one-hot targets. */
    SOFTMAX_CROSS_ENTROPY("softmax-ce"),
    /** One logistic output unit for two classes, binary cross-entropy against 0/1 targets. */
    SIGMOID_BINARY_CROSS_ENTROPY("sigmoid-bce");

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public int outputUnits(int numClasses) {
        if (this == SIGMOID_BINARY_CROSS_ENTROPY) {
            if (numClasses != 2) {
                throw new BadInputException("--loss sigmoid-bce needs exactly 2 classes, the data has " + numClasses);
            }
            return 1;
        }
        return numClasses;
    }

    /** Targets in the layout the loss compares against: one-hot B×K, or a B×1 column of 0/1. */
    public INDArray targets(int[] labels, int numClasses, DataType dtype) {
        int units = outputUnits(numClasses);
        double[] values = new double[labels.length * units];
        for (int i = 0; i < labels.length; i++) {
            if (units == 1) {
                values[i] = labels[i];
            } else {
                values[i * units + labels[i]] = 1.0;
            }
        }
        return Nd4j.createFromArray(values).reshape('c', labels.length, units).castTo(dtype);
    }

    /**
     * Mean loss over the batch; writes the residual {@code p − y} into {@code residual}. The gradient with respect
     * to the logits is that residual divided by the batch size, a scale the caller folds into its products.
     *
     * @param scratch a buffer of the logits' shape whose contents are destroyed
     */
    public double lossAndResidual(INDArray logits, INDArray targets, INDArray residual, INDArray scratch, Blas blas) {
        long batch = logits.rows();
        double loss;
        if (this == SOFTMAX_CROSS_ENTROPY) {
            // log p once; p = exp(log p); the loss is −Σ y·log p, a dot product (a reduction op costs 10× more)
            Nd4j.exec(new LogSoftMax(logits, scratch));
            Nd4j.exec(new Exp(scratch, residual));
            loss = -blas.dot(scratch, targets) / batch;
        } else {
            // mean of softplus(z) − y·z, written as max(z,0) + log1p(exp(−|z|)) − y·z so large |z| cannot overflow
            Nd4j.exec(new Abs(logits, scratch));
            scratch.negi();
            Nd4j.exec(new Exp(scratch, scratch));
            Nd4j.exec(new Log1p(scratch, scratch));
            double softTail = scratch.sumNumber().doubleValue();
            Nd4j.exec(new RectifiedLinear(logits, scratch, 0.0));
            double positivePart = scratch.sumNumber().doubleValue();
            loss = (softTail + positivePart - blas.dot(logits, targets)) / batch;
            Nd4j.exec(new Sigmoid(logits, residual));
        }
        blas.axpy(-1.0, targets, residual);
        return loss;
    }

    /** Class probabilities B×K from logits; for the one-unit loss, columns are [1 − p, p]. */
    public void probabilities(INDArray logits, INDArray out) {
        if (this == SOFTMAX_CROSS_ENTROPY) {
            Nd4j.exec(new SoftMax(logits, out, -1));
        } else {
            INDArray positive = out.getColumn(1, true);
            Nd4j.exec(new Sigmoid(logits, positive));
            out.getColumn(0, true).assign(positive).rsubi(1.0);
        }
    }

    public static Loss parse(String text) {
        return Labelled.parse(Loss.class, text, "--loss");
    }

    @Override
    public String toString() {
        return label;
    }
}
