package dev.layerbench.model;

/**
 * Element-wise activations; {@link Elementwise} applies them and their derivatives into caller-owned buffers, so
 * a layer keeps both the pre-activation {@code Z} and {@code A = f(Z)} in buffers allocated once.
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

    public static Activation parse(String text) {
        return Labelled.parse(Activation.class, text, "--activation");
    }

    @Override
    public String toString() {
        return label;
    }
}
