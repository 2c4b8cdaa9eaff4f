package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work as ND4J ops with explicit output arrays: the path for every backend and dtype that
 * {@link VectorElementwise} and {@link DoubleElementwise} do not take (CUDA, float32 in a JVM without the Vector
 * API).
 */
final class Nd4jElementwise implements Elementwise {
    private final Blas blas;

    Nd4jElementwise(Blas blas) {
        this.blas = blas;
    }

    @Override
    public void activate(Activation f, INDArray z, INDArray a) {
        switch (f) {
            case IDENTITY -> {
                if (a != z) {
                    a.assign(z);
                }
            }
            case SIGMOID -> Nd4j.exec(new Sigmoid(z, a));
            case TANH -> Nd4j.exec(new Tanh(z, a));
            case RELU -> Nd4j.exec(new RectifiedLinear(z, a, 0.0));
        }
    }

    @Override
    public void activationGradient(Activation f, INDArray z, INDArray a, INDArray da, INDArray dz) {
        switch (f) {
            case IDENTITY -> {
                if (dz != da) {
                    dz.assign(da);
                }
            }
            case SIGMOID -> Nd4j.exec(new SigmoidDerivative(z, da, dz));
            case TANH -> Nd4j.exec(new TanhDerivative(z, da, dz));
            case RELU -> Nd4j.exec(new RectifiedLinearDerivative(z, da, dz));
        }
    }

    @Override
    public double lossAndResidual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        long batch = logits.rows();
        INDArray residual = buffers.residual();
        INDArray scratch = buffers.scratch();
        outputActivation(loss, logits, residual);
        double mean;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
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
                        : Loss.exactMeanCrossEntropy(new double[][]{logits.getRow(i).toDoubleVector()},
                                new double[][]{targets.getRow(i).toDoubleVector()});
            }
            mean = total / batch;
        } else {
            // mean of softplus(z) − y·z, written as max(z,0) + log1p(exp(−|z|)) − y·z so large |z| cannot overflow
            Nd4j.exec(new Abs(logits, scratch));
            scratch.negi();
            Nd4j.exec(new Exp(scratch, scratch));
            Nd4j.exec(new Log1p(scratch, scratch));
            double softTail = scratch.sumNumber().doubleValue();
            Nd4j.exec(new RectifiedLinear(logits, scratch, 0.0));
            double positivePart = scratch.sumNumber().doubleValue();
            mean = (softTail + positivePart - blas.dot(logits, targets)) / batch;
        }
        blas.axpy(-1.0, targets, residual);
        return mean;
    }

    @Override
    public void residual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        outputActivation(loss, logits, buffers.residual());
        blas.axpy(-1.0, targets, buffers.residual());
    }

    @Override
    public void probabilities(Loss loss, INDArray logits, INDArray out) {
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            Nd4j.exec(new SoftMax(logits, out, -1));
        } else {
            INDArray positive = out.getColumn(1, true);
            Nd4j.exec(new Sigmoid(logits, positive));
            out.getColumn(0, true).assign(positive).rsubi(1.0);
        }
    }

    @Override
    public String label() {
        return "nd4j-ops";
    }

    /** p: softmax along each row, or the logistic function of the one output unit. */
    private static void outputActivation(Loss loss, INDArray logits, INDArray p) {
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            Nd4j.exec(new SoftMax(logits, p, -1));
        } else {
            Nd4j.exec(new Sigmoid(logits, p));
        }
    }
}
