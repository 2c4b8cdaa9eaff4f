package dev.layerbench.train;

import dev.layerbench.BadInputException;
import dev.layerbench.model.OptimizerKind;

/**
 * How a network is trained: passes over the data, batch size, update rule, and the seed of the per-epoch
 * shuffles (the network's own seed lives in its spec).
 */
public record TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, double learningRate, long seed) {
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
