package dev.layerbench.results;

import dev.layerbench.backend.Environment;

import java.util.List;

/**
 * One {@code layerbench study} run: the grid asked for, the scenarios left out and why, the environment, and one
 * row per trained network (the per-step curves go to curves.csv only: they are large and a table's job).
 *
 * @param partial the study did not train everything it planned (it was stopped; read from its journal). Files
 *                written before this field existed lack it, and were all complete: absent reads as false.
 */
public record StudyResult(int schemaVersion, String kind, String createdAt, Object config, List<String> skipped,
                          Environment environment, List<StudyRow> rows, boolean partial) {
    public static final int SCHEMA_VERSION = 1;
}
