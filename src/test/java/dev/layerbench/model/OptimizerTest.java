package dev.layerbench.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What one step of each {@code --optimizer} does to the parameters, from a known gradient: the flag names must
 * mean the update rules the README promises.
 */
class OptimizerTest {
    private static final double LR = 0.01;

    /** Parameters after one step of {@code kind}, and before, with the gradient the step consumed. */
    private static double[][] oneStep(OptimizerKind kind) {
        Network net = SmallNetworks.network(3, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, Dtype.FLOAT64);
        INDArray x = SmallNetworks.inputs(Dtype.FLOAT64);
        net.computeGradients(x, Loss.SOFTMAX_CROSS_ENTROPY.targets(
                SmallNetworks.labels(Loss.SOFTMAX_CROSS_ENTROPY), 3, x.dataType()));
        double[] before = net.parameters().toDoubleVector();
        double[] gradient = net.gradients().toDoubleVector();
        new Optimizer(kind, LR, net).step(net, 0);
        return new double[][]{before, gradient, net.parameters().toDoubleVector()};
    }

    @Test
    void sgdMovesAgainstTheGradientByTheLearningRate() {
        double[][] s = oneStep(OptimizerKind.SGD);
        for (int i = 0; i < s[0].length; i++) {
            assertEquals(s[0][i] - LR * s[1][i], s[2][i], 1e-15);
        }
    }

    @Test
    void momentumIsNesterovWhoseFirstStepIsOnePointNineTimesSgd() {
        // ND4J's Nesterovs: v ← μv − lr·g; step = −μ·v_prev + (1 + μ)·v. From v = 0: −(1 + μ)·lr·g.
        double[][] s = oneStep(OptimizerKind.MOMENTUM);
        for (int i = 0; i < s[0].length; i++) {
            assertEquals(s[0][i] - 1.9 * LR * s[1][i], s[2][i], 1e-15);
        }
    }

    @Test
    void adamFirstStepMovesEveryParameterByTheLearningRate() {
        // ND4J uses Kingma & Ba's efficient form: step = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε). At t = 1, m = (1−β₁)g
        // and v = (1−β₂)g², so the step is lr·g/(|g| + ε/√(1−β₂)): lr in the gradient's direction.
        double epsilon = 1e-8 / Math.sqrt(1 - 0.999);
        double[][] s = oneStep(OptimizerKind.ADAM);
        for (int i = 0; i < s[0].length; i++) {
            double g = s[1][i];
            assertEquals(s[0][i] - LR * g / (Math.abs(g) + epsilon), s[2][i], 1e-14, "parameter " + i);
        }
    }
}
