package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Applies an update rule to a network's flat parameter vector. Plain SGD is one BLAS axpy, {@code θ −= lr·g};
 * the others let ND4J's updater turn the gradient into the step in place (its state — velocity, Adam's moments —
 * allocated once), then one axpy moves every parameter. The SGD updater op plus a subtraction cost ~23 µs where
 * the axpy costs ~1 µs (benchmarks/NOTES.md).
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
        if (kind == OptimizerKind.SGD) {
            this.updater = null;
        } else {
            IUpdater config = kind.updater(learningRate);
            long stateSize = config.stateSize(network.parameters().length());
            INDArray state = Nd4j.create(network.parameters().dataType(), 1, stateSize);
            this.updater = config.instantiate(state, true);
        }
    }

    /** Moves the network's parameters by the step its current gradients call for; may consume the gradients. */
    public void step(Network network, int epoch) {
        INDArray gradients = network.gradients();
        if (updater == null) {
            network.blas().axpy(-learningRate, gradients, network.parameters());
        } else {
            updater.applyUpdater(gradients, iteration++, epoch);
            network.blas().axpy(-1.0, gradients, network.parameters());
        }
    }

    public OptimizerKind kind() {
        return kind;
    }

    public double learningRate() {
        return learningRate;
    }
}
