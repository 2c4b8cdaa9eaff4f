package dev.layerbench.results;

import dev.layerbench.backend.NoiseReading;

import java.util.List;

/**
 * One {@code layerbench bench} run: what was asked (preset, backends, implementations, thread counts, JMH
 * settings), what was left out and why, each backend's child report (its environment, loaded native library and
 * JMH's raw JSON), the rows with every raw sample and their comparison columns, and what threatens the numbers.
 *
 * @param partial  the run did not measure everything it planned (it was stopped; read from its journal)
 * @param warnings what a reader must see before the numbers: JMH's own warnings, noise sentinels that fired,
 *                 rows that are noisy or beat their ceiling — each once
 * @param noise    the noise sentinels' readings before and after the run ({@code NoiseReading}s)
 * @param agreement each backend's numerical agreement with the float64 reference ({@link AgreementRow}); empty
 *                  in a file written before it was measured, which still loads
 */
public record TimingResult(int schemaVersion, String kind, String createdAt, Object config,
                           List<String> skipped, List<ChildReport> backends, List<TimingRow> rows, boolean partial,
                           List<String> warnings, List<NoiseReading> noise, List<AgreementRow> agreement) {

    public TimingResult {
        agreement = agreement == null ? List.of() : agreement;
    }

    /** 2: raw samples, intervals, thread counts and verdicts per row (1 had JMH's score and error only). */
    public static final int SCHEMA_VERSION = 2;
}
