package dev.layerbench.model;

import dev.layerbench.BadInputException;

/**
 * Everything that determines a network's shape and starting point; two networks built from equal specs start
 * with bit-identical parameters on every backend.
 *
 * @param inputs     features per example
 * @param hidden     hidden units; 0 means no hidden layer (softmax / logistic regression)
 * @param activation the hidden layer's activation (ignored when hidden = 0)
 * @param classes    classes K in the data
 * @param loss       output non-linearity and loss
 * @param weightInit initialiser of every weight matrix
 * @param biasInit   initialiser of every bias vector
 */
public record NetworkSpec(int inputs, int hidden, Activation activation, int classes, Loss loss,
                          Initializer weightInit, Initializer biasInit, Dtype dtype, long seed) {

    public NetworkSpec {
        if (inputs < 1) {
            throw new BadInputException("the data must have at least one feature, got " + inputs);
        }
        if (hidden < 0) {
            throw new BadInputException("--hidden must be 0 (no hidden layer) or more, got " + hidden);
        }
        if (classes < 2) {
            throw new BadInputException("the data must have at least 2 classes, got " + classes);
        }
        if (biasInit.needsFans()) {
            throw new BadInputException("--bias-init must be zero, constant:C, uniform:A or normal:S, got '"
                    + biasInit.text() + "'");
        }
        loss.outputUnits(classes);
    }

    public int outputs() {
        return loss.outputUnits(classes);
    }

    /** Total parameter count: I·H + H + H·O + O, or I·O + O without a hidden layer. */
    public long parameterCount() {
        return hidden == 0
                ? (long) inputs * outputs() + outputs()
                : (long) inputs * hidden + hidden + (long) hidden * outputs() + outputs();
    }
}
