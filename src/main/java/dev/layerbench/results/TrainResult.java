package dev.layerbench.results;

import dev.layerbench.backend.Environment;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.TrainConfig;

import java.util.List;

/**
 * One {@code layerbench train} run with its provenance: what was asked (data, network, training), what it ran
 * on, and what each epoch measured. {@code schemaVersion} goes up when a field changes meaning or goes away.
 *
 * @param data     the {@code --data} argument and, for synthetic data, every generator parameter
 * @param dataSummary rows and class counts actually loaded
 */
public record TrainResult(int schemaVersion, String kind, String createdAt, Object data, DataSummary dataSummary,
                          NetworkSpec network, TrainConfig training, Environment environment,
                          List<EpochRow> epochs) {
    public static final int SCHEMA_VERSION = 1;
}
