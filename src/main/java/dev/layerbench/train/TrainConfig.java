package dev.layerbench.train;

import dev.layerbench.BadInputException;
import dev.layerbench.model.OptimizerKind;

/**
 * How a network is trained: passes over the data, batch size, update rule, the seed of the per-epoch shuffles
 * (the network's own seed lives in its spec), and which parameters an epoch ends with ({@link Averaging}).
 */
public record TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, long seed,
                          Averaging averaging) {

    /** Training that ends each epoch on SGD's last iterate: the study's and diagnose's models. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, long seed) {
        this(epochs, batchSize, optimizer, learningRate, seed, Averaging.NONE);
    }
    public TrainConfig {
        if (epochs < 1) {
            throw new BadInputException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new BadInputException("--batch must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new BadInputException("--lr must be a positive number, got " + learningRate);
        }
    }
}
