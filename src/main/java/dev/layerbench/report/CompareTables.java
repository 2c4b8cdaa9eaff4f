package dev.layerbench.report;

import dev.layerbench.backend.BuildInfo;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.report.TimingComparison.Cell;
import dev.layerbench.report.TimingComparison.Column;
import dev.layerbench.report.TimingComparison.EnvironmentDifference;
import dev.layerbench.report.TimingComparison.Input;
import dev.layerbench.report.TimingComparison.Key;
import dev.layerbench.report.TimingComparison.Row;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.Csv;
import dev.layerbench.results.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The files of {@code layerbench compare}: {@code compare.csv} (long format, one line per key and column, an
 * empty cell where a column did not measure the key), {@code compare.md} (what differs between the machines,
 * then one table per shape and thread count) and {@code compare.json} (the same rows with where each input came
 * from and the environment differences).
 */
public final class CompareTables {
    public static final List<String> CSV_COLUMNS = List.of("impl", "op", "batch", "in", "out", "hidden", "dtype",
            "threads", "column", "us_per_op", "ci_low_us", "ci_high_us", "ratio_vs_baseline", "ratio_low",
            "ratio_high", "p_value", "verdict", "regressed");
    /** 2: medians with intervals, ratios with intervals and verdicts, environment differences (1: JMH's error). */
    public static final int SCHEMA_VERSION = 2;

    private CompareTables() {
    }

    public static String csv(TimingComparison comparison) {
        List<List<Object>> lines = new ArrayList<>();
        for (Row row : comparison.rows()) {
            Key k = row.key();
            for (Column column : comparison.columns()) {
                List<Object> line = new ArrayList<>(List.of(k.impl(), k.op(), k.batch(), k.in(), k.out(),
                        k.hidden(), k.dtype(), k.threads(), column.label()));
                Optional<Cell> cell = row.cell(column.label());
                if (cell.isPresent()) {
                    Cell c = cell.get();
                    line.addAll(List.of(c.usPerOp(), c.ciLowUs(), c.ciHighUs(), c.ratio(), c.ratioLow(),
                            c.ratioHigh(), c.pValue(), c.verdict(), c.regressed()));
                } else {
                    line.addAll(Collections.nCopies(CSV_COLUMNS.size() - line.size(), ""));
                }
                lines.add(line);
            }
        }
        return Csv.table(CSV_COLUMNS, lines);
    }

    /** What a partial input is, said the same way in every table. */
    static final String PARTIAL = "the bench did not finish; its journaled rows are shown, `bench --resume` measures the rest";

    public static String markdown(TimingComparison comparison) {
        StringBuilder md = new StringBuilder("# layerbench compare\n\n");
        md.append("| input | folder | backends | hosts | CPUs | GPUs |\n|---|---|---|---|---|---|\n");
        for (Input input : comparison.inputs()) {
            List<EnvironmentSummary> envs = environments(input);
            md.append(String.format(Locale.US, "| %s%s%s | %s | %s | %s | %s | %s |%n", input.name(),
                    input == comparison.baseline() ? " (baseline)" : "",
                    input.result().partial() ? " (partial: " + PARTIAL + ")" : "", input.dir(),
                    comparison.columns().stream().filter(c -> c.input().equals(input.name()))
                            .map(Column::backend).collect(Collectors.joining(", ")),
                    distinct(envs.stream().map(EnvironmentSummary::hostName).toList()),
                    distinct(envs.stream().map(EnvironmentSummary::cpuModel).toList()),
                    distinct(envs.stream().flatMap(e -> e.gpus().stream()).toList())));
        }
        md.append('\n');
        environment(md, comparison.environmentDifferences());
        md.append(TimingTable.MEDIAN_WORDS).append(", printed as median [low, high]. × baseline: this column's "
                + "median over its reference's — the baseline column of the same backend, else the baseline's "
                + "first column (below 1: faster) — with its 95% bootstrap interval, then the verdict: ")
                .append(TimingTable.VERDICT_WORDS).append("; ").append(TimingComparison.UNJUDGED)
                .append(": fewer than 2 samples on a side, no test.");
        if (comparison.failAbovePct() != null) {
            md.append(String.format(Locale.US, " Regression gate: slower by the test than the same backend in the "
                    + "baseline, and by more than %s%% — %d regressed, %d %s.", comparison.failAbovePct(),
                    comparison.regressions().size(), comparison.unjudged().size(), TimingComparison.UNJUDGED));
        }
        md.append("\n\n");

        Map<String, List<Row>> byShape = comparison.rows().stream().collect(Collectors.groupingBy(
                r -> r.key().shape(), LinkedHashMap::new, Collectors.toList()));
        List<Column> columns = comparison.columns();
        String baseline = comparison.baseline().name();
        for (Map.Entry<String, List<Row>> group : byShape.entrySet()) {
            md.append("### ").append(group.getKey()).append("\n\n| op | impl |");
            StringBuilder rule = new StringBuilder("|---|---|");
            for (Column column : columns) {
                md.append(' ').append(column.label()).append(" µs/op [95%] |");
                rule.append("---:|");
                if (!column.input().equals(baseline)) {
                    md.append(" × baseline [95%], verdict |");
                    rule.append("---|");
                }
            }
            md.append(" |\n").append(rule).append("---|\n");
            List<Row> sorted = group.getValue().stream().sorted(Comparator.comparing((Row r) -> r.key().op())
                    .thenComparing(r -> r.key().impl())).toList();
            for (Row row : sorted) {
                md.append("| ").append(row.key().op()).append(" | ").append(row.key().impl()).append(" |");
                for (Column column : columns) {
                    Optional<Cell> cell = row.cell(column.label());
                    md.append(' ').append(cell.map(c -> Numbers.withInterval(c.usPerOp(), c.ciLowUs(),
                            c.ciHighUs())).orElse("")).append(" |");
                    if (!column.input().equals(baseline)) {
                        md.append(' ').append(cell.map(CompareTables::ratio).orElse("")).append(" |");
                    }
                }
                md.append(row.regressed() ? " **regressed** |\n" : " |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** What differs between the columns, or that nothing does, before any number. */
    private static void environment(StringBuilder md, List<EnvironmentDifference> differences) {
        if (differences.isEmpty()) {
            md.append("**Environment:** identical in every column (")
                    .append(String.join(", ", TimingComparison.environmentFields())).append(").\n\n");
            return;
        }
        md.append("**Environment differences** — the numbers differ for these reasons too, not only the code:\n\n");
        for (EnvironmentDifference difference : differences) {
            md.append("- ").append(difference.field()).append(": ").append(difference.values().stream()
                    .map(v -> v.value() + " (" + String.join(", ", v.columns()) + ")")
                    .collect(Collectors.joining("; "))).append('\n');
        }
        md.append('\n');
    }

    /** "1.30 [1.28, 1.32] slower (p < 0.001)", bold where the cell regressed; empty where not compared. */
    private static String ratio(Cell c) {
        if (c.verdict().isEmpty()) {
            return "";
        }
        String text = Numbers.withInterval(c.ratio(), c.ratioLow(), c.ratioHigh()) + " " + (c.verdict()
                .equals(TimingComparison.UNJUDGED) ? c.verdict() : Numbers.verdict(c.verdict(), c.pValue()));
        return c.regressed() ? "**" + text + "**" : text;
    }

    public static String json(TimingComparison comparison) {
        List<InputSummary> inputs = comparison.inputs().stream().map(i -> new InputSummary(i.name(),
                i.dir().toString(), comparison.columns().stream().filter(c -> c.input().equals(i.name()))
                .map(Column::label).toList(), i.result().createdAt(), i.result().partial(), environments(i)))
                .toList();
        return Json.write(new CompareResult(SCHEMA_VERSION, "compare", Instant.now().toString(),
                BuildInfo.version(), comparison.baseline().name(), comparison.failAbovePct(), inputs,
                comparison.environmentDifferences(), comparison.rows()));
    }

    /**
     * {@code compare.json}: what was compared, from where, what differs between the columns' environments (empty:
     * identical) and the joined rows.
     */
    public record CompareResult(int schemaVersion, String kind, String createdAt, String layerbenchVersion,
                                String baseline, Double failAbovePct, List<InputSummary> inputs,
                                List<EnvironmentDifference> environmentDifferences, List<Row> rows) {
    }

    /**
     * One input folder: its columns and, per backend it ran, the machine it ran on.
     *
     * @param partial the bench did not finish; its rows come from its journal
     */
    public record InputSummary(String name, String path, List<String> columns, String createdAt, boolean partial,
                               List<EnvironmentSummary> environments) {
    }

    /** The part of a backend's {@link Environment} that tells machines apart. */
    public record EnvironmentSummary(String backend, String hostName, String cpuModel, List<String> gpus) {
    }

    private static List<EnvironmentSummary> environments(Input input) {
        List<ChildReport> backends = input.result().backends() == null ? List.of() : input.result().backends();
        return backends.stream().filter(b -> b != null && b.environment() != null).map(b -> {
            Environment e = b.environment();
            return new EnvironmentSummary(b.requestedBackend(), e.hostName(), e.cpuModel(),
                    e.gpus() == null ? List.of() : e.gpus().stream().map(GpuInfo::name).toList());
        }).toList();
    }

    private static String distinct(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).distinct().collect(Collectors.joining(", "));
    }
}
