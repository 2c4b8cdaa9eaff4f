package dev.layerbench.model;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;


/**
 * The update rules layerbench offers, each mapped to ND4J's own updater (the fused native op DL4J uses), so a
 * step here and a step in DL4J apply the same arithmetic. {@code momentum} is ND4J's Nesterov momentum (0.9).
 */
public enum OptimizerKind implements Labelled {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam");

    private final String label;

    OptimizerKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    IUpdater updater(double learningRate) {
        return switch (this) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Nesterovs(learningRate, 0.9);
            case ADAM -> new Adam(learningRate);
        };
    }

    public static OptimizerKind parse(String text) {
        return Labelled.parse(OptimizerKind.class, text, "--optimizer");
    }

    @Override
    public String toString() {
        return label;
    }
}
