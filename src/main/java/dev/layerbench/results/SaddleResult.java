package dev.layerbench.results;

import dev.layerbench.backend.Environment;

import java.util.List;

/**
 * The saddle measurement of one {@code layerbench study}, written beside {@code study.json} as
 * {@code saddle.json}: the configuration it ran with (seed, step budget, evaluation interval, the rule for
 * "left the majority share"), the environment, and its rows.
 */
public record SaddleResult(int schemaVersion, String kind, String createdAt, Object config, Environment environment,
                           List<SaddleRow> rows) {
    public static final int SCHEMA_VERSION = 1;
    public static final String KIND = "saddle";
    public static final String FILE_NAME = "saddle.json";
}
