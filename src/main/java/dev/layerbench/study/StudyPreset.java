package dev.layerbench.study;

import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Labelled;

import java.util.List;

/**
 * The grid of a study. {@code smoke} proves the pipeline (tests); {@code quick} is every init, activation and
 * dtype on every scenario with one 16-unit hidden layer, in a few minutes on 2 cores; {@code full} adds a
 * 64-unit layer, more epochs and all of Fashion-MNIST. Every cell of the grid runs once per seed (smoke 2, quick
 * 3, full 10; {@code study --seeds} overrides it): one seed cannot tell a verdict from a lucky draw.
 *
 * @param inits          initialiser text forms (weights; biases start at zero)
 * @param traceEvery     steps between symmetry traces (step 0 is always traced)
 * @param fashionFraction stratified share of Fashion-MNIST used
 * @param seeds          runs per cell, each from its own data, initialisation and shuffle seeds
 */
public enum StudyPreset implements Labelled {
    SMOKE("smoke", List.of(Scenario.BALANCED, Scenario.IMBALANCED), List.of("zero", "xavier"), List.of(0, 4),
            List.of(Activation.TANH), List.of(Dtype.FLOAT32, Dtype.FLOAT64), 2, 10, 0.02, 2),
    QUICK("quick", List.of(Scenario.values()), List.of("zero", "constant:0.01", "uniform:0.05", "xavier", "he"),
            List.of(0, 16), List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU),
            List.of(Dtype.FLOAT32, Dtype.FLOAT64), 10, 10, 0.1, 3),
    FULL("full", List.of(Scenario.values()), List.of("zero", "constant:0.01", "uniform:0.05", "xavier", "he"),
            List.of(0, 16, 64), List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU),
            List.of(Dtype.FLOAT32, Dtype.FLOAT64), 30, 10, 1.0, 10);

    /** SGD at one fixed rate and batch: the study varies the start, not the optimiser. */
    public static final double LEARNING_RATE = 0.1;
    public static final int BATCH = 32;

    private final String label;
    private final List<Scenario> scenarios;
    private final List<String> inits;
    private final List<Integer> hidden;
    private final List<Activation> activations;
    private final List<Dtype> dtypes;
    private final int epochs;
    private final int traceEvery;
    private final double fashionFraction;
    private final int seeds;

    StudyPreset(String label, List<Scenario> scenarios, List<String> inits, List<Integer> hidden,
                List<Activation> activations, List<Dtype> dtypes, int epochs, int traceEvery, double fashionFraction,
                int seeds) {
        this.label = label;
        this.scenarios = scenarios;
        this.inits = inits;
        this.hidden = hidden;
        this.activations = activations;
        this.dtypes = dtypes;
        this.epochs = epochs;
        this.traceEvery = traceEvery;
        this.fashionFraction = fashionFraction;
        this.seeds = seeds;
    }

    @Override
    public String label() {
        return label;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    public List<String> inits() {
        return inits;
    }

    public List<Integer> hidden() {
        return hidden;
    }

    public List<Activation> activations() {
        return activations;
    }

    public List<Dtype> dtypes() {
        return dtypes;
    }

    public int epochs() {
        return epochs;
    }

    public int traceEvery() {
        return traceEvery;
    }

    public double fashionFraction() {
        return fashionFraction;
    }

    public int seeds() {
        return seeds;
    }

    public static StudyPreset parse(String text) {
        return Labelled.parse(StudyPreset.class, text, "--preset");
    }

    @Override
    public String toString() {
        return label;
    }
}
