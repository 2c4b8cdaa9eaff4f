package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
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
     * Mean loss over the batch; writes the residual {@code p − y} into {@code buffers.residual()}. The gradient
     * with respect to the logits is that residual divided by the batch size, a scale the caller folds into its
     * products.
     */
    public double lossAndResidual(INDArray logits, INDArray targets, LossBuffers buffers, Blas blas) {
        long batch = logits.rows();
        INDArray residual = buffers.residual();
        INDArray scratch = buffers.scratch();
        outputActivation(logits, residual);
        double loss;
        if (this == SOFTMAX_CROSS_ENTROPY) {
            // Each example's loss is −log p of its label. A full log p matrix would be −∞ wherever some other
            // class's probability underflowed — common once a network is confident — and 0·(−∞) is NaN, so
            // instead each row's label probability is picked out (p ⊙ y, summed by a product with ones) and
            // only those B numbers are logged, on the host. A row whose own label probability underflowed is
            // recomputed exactly from its logits. ND4J's LogSoftMax is no way out: it returns −∞ there too, and
            // costs 0.94 ms at 128×1024 against 0.25 ms for SoftMax.
            Nd4j.exec(new MulOp(residual, targets, scratch));
            blas.gemm(scratch, false, buffers.onesPerOutput(), false, 1.0, 0.0, buffers.perExample());
            double[] labelProbability = buffers.perExample().data().asDouble(); // B×1, contiguous: 0.05 µs, not 7
            double total = 0;
            for (int i = 0; i < labelProbability.length; i++) {
                total += labelProbability[i] > 0 ? -Math.log(labelProbability[i])
                        : exactMeanCrossEntropy(new double[][]{logits.getRow(i).toDoubleVector()},
                                new double[][]{targets.getRow(i).toDoubleVector()});
            }
            loss = total / batch;
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
        }
        blas.axpy(-1.0, targets, residual);
        return loss;
    }

    /**
     * Writes the residual {@code p − y} into {@code buffers.residual()} as {@link #lossAndResidual} does, without
     * the loss: no number comes back to the host, which on a GPU backend would wait for the device and copy.
     */
    public void residual(INDArray logits, INDArray targets, LossBuffers buffers, Blas blas) {
        outputActivation(logits, buffers.residual());
        blas.axpy(-1.0, targets, buffers.residual());
    }

    /** p: softmax along each row, or the logistic function of the one output unit. */
    private void outputActivation(INDArray logits, INDArray p) {
        if (this == SOFTMAX_CROSS_ENTROPY) {
            Nd4j.exec(new SoftMax(logits, p, -1));
        } else {
            Nd4j.exec(new Sigmoid(logits, p));
        }
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
