package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output non-linearity fused with its loss, averaged over the batch.
 *
 * <p>{@link Elementwise} computes it. Fusing them is what makes the gradient with respect to the logits the
 * simple, stable {@code (p − y) / B} for both losses, and lets the loss itself be computed from
 * log-probabilities without taking log of a rounded-to-zero probability. The residual {@code p − y} is handed over unscaled: the layers apply the 1/B in
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

    /** Σ_rows Σ_j y_j·(logsumexp(z) − z_j) / B with the row maximum taken out first: finite for finite logits. */
    static double exactMeanCrossEntropy(double[][] logits, double[][] targets) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double logSumExp = logSumExp(logits[i]);
            for (int j = 0; j < logits[i].length; j++) {
                total += targets[i][j] * (logSumExp - logits[i][j]);
            }
        }
        return total / logits.length;
    }

    /** log Σ exp(z) with the maximum taken out first: finite for finite logits. */
    static double logSumExp(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        return max + Math.log(sum);
    }

    public static Loss parse(String text) {
        return Labelled.parse(Loss.class, text, "--loss");
    }

    @Override
    public String toString() {
        return label;
    }
}
