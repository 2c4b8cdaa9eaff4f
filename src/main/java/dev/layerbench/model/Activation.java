package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;


/**
 * Element-wise activations, applied with ND4J's own ops into caller-owned buffers.
 *
 * <p>The ops take an explicit output array so a layer can keep both the pre-activation {@code Z} (needed by the
 * derivative) and {@code A = f(Z)} in buffers allocated once, instead of allocating per step.
 * {@link #valueAtZero()} matters to the symmetry study: f(0) = 0 (tanh, relu, identity) silences a zero-initialised
 * hidden layer entirely, f(0) = ½ (sigmoid) keeps it alive but symmetric.
 */
public enum Activation implements Labelled {
    IDENTITY("identity", 0.0),
    SIGMOID("sigmoid", 0.5),
    TANH("tanh", 0.0),
    RELU("relu", 0.0);

    private final String label;
    private final double valueAtZero;

    Activation(String label, double valueAtZero) {
        this.label = label;
        this.valueAtZero = valueAtZero;
    }

    @Override
    public String label() {
        return label;
    }

    public double valueAtZero() {
        return valueAtZero;
    }

    /** {@code a = f(z)}; {@code a} may be {@code z} itself only for IDENTITY (then nothing runs). */
    public void apply(INDArray z, INDArray a) {
        switch (this) {
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

    /** {@code dz = f'(z) ⊙ da}. */
    public void backprop(INDArray z, INDArray da, INDArray dz) {
        switch (this) {
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

    public static Activation parse(String text) {
        return Labelled.parse(Activation.class, text, "--activation");
    }

    @Override
    public String toString() {
        return label;
    }
}
