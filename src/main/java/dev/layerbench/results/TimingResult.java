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

    /**
     * JMH's warnings that describe how this harness runs JMH, the same in every run, rather than this run: each
     * fork is a child JVM that bench starts with the benchmarks' JVM options, inside which JMH runs unforked and
     * says so; and bench holds JMH's machine lock for its children, which therefore skip it "by user request".
     */
    private static final List<String> HARNESS_WARNINGS = List.of(
            "WARNING: JMH lock is ignored by user request",
            "WARNING: Non-forked runs may silently omit JVM options",
            "WARNING: Use non-forked runs only for debugging purposes");

    /** What a warning of JMH's own starts with in {@link #warnings}, before JMH's text. */
    public static final String JMH_WARNING_PREFIX = "JMH: ";

    /**
     * {@link #warnings} without JMH's about the harness's own way of running it: what the tables put above the
     * numbers. The stored result keeps them all.
     */
    public List<String> warningsForReaders() {
        return warnings == null ? List.of() : warnings.stream()
                .filter(w -> HARNESS_WARNINGS.stream().noneMatch(h -> w.startsWith(JMH_WARNING_PREFIX + h))).toList();
    }
}
