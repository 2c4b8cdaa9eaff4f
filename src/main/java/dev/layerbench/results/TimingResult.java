package dev.layerbench.results;

import java.util.List;

/**
 * One {@code layerbench bench} run: what was asked (preset, backends, implementations, JMH settings), what was
 * left out and why, each backend's child report (its environment, loaded native library and JMH's raw JSON)
 * and the merged rows with their comparison columns.
 *
 * @param partial the run did not measure everything it planned (it was stopped; read from its journal). Files
 *                written before this field existed lack it, and were all complete: absent reads as false.
 */
public record TimingResult(int schemaVersion, String kind, String createdAt, Object config,
                           List<String> skipped, List<ChildReport> backends, List<TimingRow> rows, boolean partial) {
    public static final int SCHEMA_VERSION = 1;
}
