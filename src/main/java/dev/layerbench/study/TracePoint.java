package dev.layerbench.study;

/**
 * The hidden layer at one training step, before that step's update: how alike its units are, and the gradient
 * norm of every parameter tensor (W₁, b₁ of the hidden layer, W₂, b₂ of the output layer).
 */
public record TracePoint(int epoch, int step, SymmetryMeasure symmetry, double gradNormW1, double gradNormB1,
                         double gradNormW2, double gradNormB2) {
}
