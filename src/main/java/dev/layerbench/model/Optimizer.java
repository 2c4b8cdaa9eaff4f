package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Applies an update rule to a network's flat parameter vector: the updater turns the gradient into the step in
 * place, then one subtraction moves every parameter. Its state (velocity, Adam's moments) is allocated once.
 */
public final class Optimizer {
    private final OptimizerKind kind;
    private final double learningRate;
    private final GradientUpdater<?> updater;
    private int iteration;

    public Optimizer(OptimizerKind kind, double learningRate, Network network) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new BadInputException("--lr must be a positive number, got " + learningRate);
        }
        this.kind = kind;
        this.learningRate = learningRate;
        IUpdater config = kind.updater(learningRate);
        long stateSize = config.stateSize(network.parameters().length());
        INDArray state = stateSize == 0 ? null : Nd4j.create(network.parameters().dataType(), 1, stateSize);
        this.updater = config.instantiate(state, true);
    }

    /** Moves the network's parameters by the step its current gradients call for; consumes the gradients. */
    public void step(Network network, int epoch) {
        INDArray gradients = network.gradients();
        updater.applyUpdater(gradients, iteration++, epoch);
        network.parameters().subi(gradients);
    }

    public OptimizerKind kind() {
        return kind;
    }

    public double learningRate() {
        return learningRate;
    }
}
