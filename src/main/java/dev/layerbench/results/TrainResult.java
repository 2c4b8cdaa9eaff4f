package dev.layerbench.results;

import dev.layerbench.backend.Environment;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.TrainConfig;

import java.util.List;
import java.util.Optional;

/**
 * One {@code layerbench train} run with its provenance: what was asked (data, network, training), what it ran
 * on, and what each epoch measured. {@code schemaVersion} goes up when a field changes meaning or goes away.
 *
 * @param data             the {@code --data} and {@code --scale} arguments and, for synthetic data, every
 *                         generator parameter
 * @param dataSummary      rows and class counts actually loaded
 * @param bestEpoch        the epoch with the highest test accuracy (the earliest on ties), -1 when every epoch
 *                         diverged; picked on the test set, so it describes the curve, it is no held-out estimate
 * @param bestTestAccuracy that epoch's test accuracy, NaN (null in JSON) without one
 */
public record TrainResult(int schemaVersion, String kind, String createdAt, Object data, DataSummary dataSummary,
                          NetworkSpec network, TrainConfig training, Environment environment,
                          List<EpochRow> epochs, int bestEpoch, double bestTestAccuracy) {
    public static final int SCHEMA_VERSION = 1;

    /** A train run's result, its best epoch taken from {@code epochs}. */
    public static TrainResult of(String createdAt, Object data, DataSummary dataSummary, NetworkSpec network,
                                 TrainConfig training, Environment environment, List<EpochRow> epochs) {
        Optional<EpochRow> best = EpochRow.bestByTestAccuracy(epochs);
        return new TrainResult(SCHEMA_VERSION, "train", createdAt, data, dataSummary, network, training, environment,
                epochs, best.map(EpochRow::epoch).orElse(-1), best.map(EpochRow::testAccuracy).orElse(Double.NaN));
    }
}
