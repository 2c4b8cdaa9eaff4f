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
 * rounded-to-zero probability.
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
     * Mean loss over the batch; writes {@code dLoss/dLogits} into {@code logitGradient}.
     *
     * @param scratch a buffer of the logits' shape whose contents are destroyed
     */
    public double lossAndGradient(INDArray logits, INDArray targets, INDArray logitGradient, INDArray scratch) {
        long batch = logits.rows();
        double loss;
        if (this == SOFTMAX_CROSS_ENTROPY) {
            Nd4j.exec(new SoftMax(logits, logitGradient, -1));
            Nd4j.exec(new LogSoftMax(logits, scratch));
            loss = -scratch.muli(targets).sumNumber().doubleValue() / batch;
        } else {
            // mean of softplus(z) − y·z, written as max(z,0) + log1p(exp(−|z|)) − y·z so large |z| cannot overflow
            Nd4j.exec(new Abs(logits, scratch));
            scratch.negi();
            Nd4j.exec(new Exp(scratch, scratch));
            Nd4j.exec(new Log1p(scratch, scratch));
            double softTail = scratch.sumNumber().doubleValue();
            Nd4j.exec(new RectifiedLinear(logits, scratch, 0.0));
            double positivePart = scratch.sumNumber().doubleValue();
            double targetPart = scratch.assign(logits).muli(targets).sumNumber().doubleValue();
            loss = (softTail + positivePart - targetPart) / batch;
            Nd4j.exec(new Sigmoid(logits, logitGradient));
        }
        logitGradient.subi(targets).divi(batch);
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
