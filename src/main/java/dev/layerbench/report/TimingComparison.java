package dev.layerbench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.SpeedComparison;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Several {@code layerbench bench} results side by side, joined on what was measured: implementation,
 * operation, shape, dtype and thread count ({@link Key}). Each result folder gives one column per backend it ran,
 * labelled {@code <folder name>:<backend>}; the first folder is the baseline.
 *
 * <p>Each column is compared with its <em>reference</em>: the baseline column of the same backend, or — when the
 * baseline never ran that backend — the baseline's first column. The comparison is the one the bench's own
 * verdicts make ({@link SpeedComparison}): the ratio of medians (column over reference, below 1: faster) with its
 * 95% bootstrap interval, the Mann–Whitney p-value of the two rows' raw samples, and faster / slower / same. With
 * fewer than two samples on a side there is no test, and the cell says {@value #UNJUDGED} rather than guess. A key
 * a column did not measure is an empty cell.
 *
 * <p>The regression gate ({@code failAbovePct}) only compares like with like: a cell regressed when its
 * reference is the baseline column of the <em>same</em> backend, the test says slower, and even the fast end of
 * the ratio's 95% interval is more than the threshold slower — "significantly slower by more than PCT", not a
 * median past PCT whose interval reaches back below it (two runs of one commit on a noisy VM differ that much).
 * A cell the gate would flag by its medians alone but that the test cannot judge is listed as unjudged, not
 * counted.
 *
 * <p>Numbers from two machines differ for reasons other than the code: which of the environment's fields differ
 * between the columns is listed ({@link #environmentDifferences()}), so a reader sees it before the ratios.
 */
public final class TimingComparison {
    /** The verdict of a cell whose test cannot be made: fewer than two samples on a side. */
    public static final String UNJUDGED = "unjudged";
    /** The value of an environment field a column's result does not hold. */
    public static final String NOT_RECORDED = "not recorded";

    /** One result folder: its display name (unique among the inputs), where it was read from, what it holds. */
    public record Input(String name, Path dir, TimingResult result) {
    }

    /** One input's rows of one backend. */
    public record Column(String label, String input, String backend) {
    }

    /** What a row measured, independent of where: the join key. */
    public record Key(String impl, String op, int batch, int in, int out, int hidden, String dtype, int threads) {
        static Key of(TimingRow r) {
            return new Key(r.impl(), r.op(), r.batch(), r.in(), r.out(), r.hidden(), r.dtype(), r.threads());
        }

        /** The shape group the Markdown tables are split by. */
        String shape() {
            return TimingTable.shape(batch, in, out, hidden, dtype, threads);
        }

        @Override
        public String toString() {
            return impl + " " + op + " batch " + batch + " in " + in + " out " + out + " hidden " + hidden + " "
                    + dtype + " threads " + threads;
        }
    }

    /**
     * One column's measurement of one key, compared with its reference column.
     *
     * @param reference the column compared against; null for the baseline's own columns, and when there is no
     *                  baseline column at all
     * @param usPerOp   the median of the row's samples; {@code ciLowUs}…{@code ciHighUs} its 95% interval
     * @param ratio     median over the reference's median (below 1: faster); NaN when not compared
     * @param ratioLow  the 95% bootstrap interval of the ratio
     * @param pValue    two-sided Mann–Whitney U of the two rows' samples
     * @param verdict   faster, slower, same, {@value #UNJUDGED}, or empty when not compared
     */
    public record Cell(String column, String reference, double usPerOp, double ciLowUs, double ciHighUs,
                       double ratio, double ratioLow, double ratioHigh, double pValue, String verdict,
                       boolean regressed) {

        /** How much slower than the reference, in percent (negative: faster). */
        @JsonIgnore
        public double pctAboveReference() {
            return 100 * (ratio - 1);
        }
    }

    /** One key across all columns; {@link #cells} holds only the columns that measured it. */
    public record Row(@JsonUnwrapped Key key, List<Cell> cells) {
        public Optional<Cell> cell(String column) {
            return cells.stream().filter(c -> c.column().equals(column)).findFirst();
        }

        @JsonIgnore
        public boolean regressed() {
            return cells.stream().anyMatch(Cell::regressed);
        }
    }

    /**
     * An environment field whose value is not the same in every column it applies to (or is not recorded).
     *
     * @param values each distinct value with the columns that have it, in column order
     */
    public record EnvironmentDifference(String field, List<Value> values) {
        public record Value(String value, List<String> columns) {
        }
    }

    /** One cell slower than its baseline, as printed by the gate. */
    public record Regression(Key key, Cell cell, Cell baseline) {
        public String describe() {
            return String.format(Locale.US, "%s on %s: baseline %s %.3f µs/op, now %.3f µs/op (%+.1f%%), ratio %s, "
                            + "%s, %s", key, cell.column(), baseline.column(), baseline.usPerOp(), cell.usPerOp(),
                    cell.pctAboveReference(), Numbers.withInterval(cell.ratio(), cell.ratioLow(), cell.ratioHigh()),
                    cell.verdict(), Numbers.pValue(cell.pValue()));
        }
    }

    /**
     * An environment field compared between columns. A field of one engine (ND4J's version, PyTorch's) applies
     * only to that engine's columns.
     */
    private record Field(String name, Engine engine, Function<Described, String> value) {
    }

    /** A column with what its result says about where it ran: its child report (null if none) and its rows. */
    private record Described(Column column, ChildReport report, List<TimingRow> rows) {
        Environment environment() {
            return report == null ? null : report.environment();
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field("CPU model", null, d -> recorded(d, Environment::cpuModel)),
            new Field("logical cores", null, d -> recorded(d, e -> Integer.toString(e.logicalCores()))),
            new Field("GPUs", null, d -> recorded(d, e -> e.gpus() == null || e.gpus().isEmpty() ? "none"
                    : e.gpus().stream().map(GpuInfo::name).collect(Collectors.joining(", ")))),
            new Field("OS", null, d -> recorded(d, Environment::os)),
            new Field("JVM", null, d -> recorded(d, Environment::jvm)),
            new Field("ND4J", Engine.ND4J, d -> recorded(d, e -> library(e, "nd4j-api") + ", backend "
                    + e.nd4jBackend())),
            new Field("BLAS", Engine.ND4J, d -> recorded(d, e -> e.blasVendor() + " " + library(e, "openblas"))),
            new Field("products", Engine.ND4J, d -> recorded(d, e -> String.valueOf(e.products()))),
            new Field("element-wise ops", Engine.ND4J, d -> recorded(d, e -> String.valueOf(e.elementwise()))),
            new Field("PyTorch", Engine.PYTORCH, d -> d.report() == null || d.report().loaded() == null
                    ? NOT_RECORDED : d.report().loaded().library()),
            new Field("layerbench commit", null, d -> recorded(d, Environment::gitCommit)),
            // The thread counts are the rows' own: a column measured at other counts joins on no key of another.
            new Field("threads", null, d -> d.rows().stream().map(TimingRow::threads)
                    .collect(Collectors.toCollection(TreeSet::new)).stream().map(String::valueOf)
                    .collect(Collectors.joining(", "))));

    private final List<Input> inputs;
    private final List<Column> columns;
    private final Double failAbovePct;
    private final List<Row> rows;
    private final List<Regression> regressions;
    private final List<Regression> unjudged;
    private final List<EnvironmentDifference> environmentDifferences;

    private TimingComparison(List<Input> inputs, List<Column> columns, Double failAbovePct, List<Row> rows,
                             List<Regression> regressions, List<Regression> unjudged,
                             List<EnvironmentDifference> environmentDifferences) {
        this.inputs = inputs;
        this.columns = columns;
        this.failAbovePct = failAbovePct;
        this.rows = rows;
        this.regressions = regressions;
        this.unjudged = unjudged;
        this.environmentDifferences = environmentDifferences;
    }

    /**
     * Reads and compares result folders. {@code baseline}, if given, becomes the first input: when it is also
     * among {@code dirs} (the same folder), that one occurrence is moved to the front rather than read twice.
     *
     * @param failAbovePct the regression threshold in percent, or null for no gate; checked before any file is read
     */
    public static TimingComparison read(List<Path> dirs, Path baseline, Double failAbovePct) {
        checkThreshold(failAbovePct);
        List<Path> ordered = baselineFirst(dirs, baseline);
        List<String> names = names(ordered);
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            inputs.add(new Input(names.get(i), ordered.get(i), TimingResults.read(ordered.get(i))));
        }
        return of(inputs, failAbovePct);
    }

    /** Checks {@code --fail-above} up front; the message states the allowed range. */
    public static void checkThreshold(Double failAbovePct) {
        if (failAbovePct != null && !(failAbovePct >= 0 && Double.isFinite(failAbovePct))) {
            throw new BadInputException("--fail-above must be a percentage of 0 or more (e.g. 10 for 10% slower), "
                    + "got " + failAbovePct);
        }
    }

    /** Compares inputs already read; the first is the baseline. */
    public static TimingComparison of(List<Input> inputs, Double failAbovePct) {
        checkThreshold(failAbovePct);
        if (inputs.isEmpty()) {
            throw new BadInputException("compare needs at least one result folder");
        }
        List<Column> columns = new ArrayList<>();
        Map<Column, Map<Key, TimingRow>> measured = new LinkedHashMap<>();
        Set<Key> keys = new LinkedHashSet<>();
        for (Input input : inputs) {
            for (TimingRow row : input.result().rows()) {
                Column column = new Column(input.name() + ":" + row.backend(), input.name(), row.backend());
                if (!measured.containsKey(column)) {
                    columns.add(column);
                    measured.put(column, new LinkedHashMap<>());
                }
                Key key = Key.of(row);
                if (measured.get(column).put(key, row) != null) {
                    throw new BadInputException(input.dir().resolve(TimingResults.FILE_NAME) + " has two rows for "
                            + row.backend() + " " + key + "; which one to compare is not clear");
                }
                keys.add(key);
            }
        }
        String baselineName = inputs.get(0).name();
        List<Column> baselineColumns = columns.stream().filter(c -> c.input().equals(baselineName)).toList();
        List<Row> rows = new ArrayList<>();
        List<Regression> regressions = new ArrayList<>();
        List<Regression> unjudged = new ArrayList<>();
        for (Key key : keys) {
            List<Cell> cells = new ArrayList<>();
            for (Column column : columns) {
                TimingRow row = measured.get(column).get(key);
                if (row == null) {
                    continue;
                }
                if (column.input().equals(baselineName)) {
                    cells.add(uncompared(column, null, row));
                    continue;
                }
                Optional<Column> sameBackend = baselineColumns.stream()
                        .filter(b -> b.backend().equals(column.backend())).findFirst();
                Column reference = sameBackend.orElse(baselineColumns.isEmpty() ? null : baselineColumns.get(0));
                TimingRow base = reference == null ? null : measured.get(reference).get(key);
                if (base == null) {
                    cells.add(uncompared(column, reference, row));
                    continue;
                }
                SpeedComparison test = SpeedComparison.of(row.keptSamplesUs(), base.keptSamplesUs());
                boolean gated = sameBackend.isPresent() && failAbovePct != null
                        && above(row.usPerOp(), base.usPerOp(), failAbovePct);
                boolean judged = test.judged();
                boolean regressed = gated && judged && test.verdict() == SpeedComparison.Verdict.SLOWER
                        && above(test.ratioLow(), 1, failAbovePct);
                Cell cell = new Cell(column.label(), reference.label(), row.usPerOp(), row.ciLowUs(), row.ciHighUs(),
                        test.ratio(), test.ratioLow(), test.ratioHigh(), test.pValue(),
                        judged ? test.verdict().label() : UNJUDGED, regressed);
                cells.add(cell);
                Cell baseCell = uncompared(reference, null, base);
                if (regressed) {
                    regressions.add(new Regression(key, cell, baseCell));
                } else if (gated && !judged) {
                    unjudged.add(new Regression(key, cell, baseCell));
                }
            }
            rows.add(new Row(key, List.copyOf(cells)));
        }
        return new TimingComparison(List.copyOf(inputs), List.copyOf(columns), failAbovePct, List.copyOf(rows),
                List.copyOf(regressions), List.copyOf(unjudged), differences(inputs, columns));
    }

    private static Cell uncompared(Column column, Column reference, TimingRow row) {
        return new Cell(column.label(), reference == null ? null : reference.label(), row.usPerOp(), row.ciLowUs(),
                row.ciHighUs(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", false);
    }

    /**
     * Whether {@code us} is more than {@code pct}% above {@code baseUs}, decided as {@code us·100 > base·(100 + pct)}
     * so that 130 against 100 is exactly 30%, not 30.000000000000004% (as 100·(130/100 − 1) would be).
     */
    static boolean above(double us, double baseUs, double pct) {
        return us * 100 > baseUs * (100 + pct);
    }

    private static List<EnvironmentDifference> differences(List<Input> inputs, List<Column> columns) {
        List<Described> described = columns.stream().map(column -> {
            Input input = inputs.stream().filter(i -> i.name().equals(column.input())).findFirst().orElseThrow();
            List<ChildReport> reports = input.result().backends() == null ? List.of() : input.result().backends();
            ChildReport report = reports.stream().filter(r -> r != null && column.backend().equals(
                    r.loaded() != null && r.loaded().backend() != null ? r.loaded().backend().label()
                            : r.requestedBackend())).findFirst().orElse(null);
            List<TimingRow> rows = input.result().rows().stream()
                    .filter(r -> r.backend().equals(column.backend())).toList();
            return new Described(column, report, rows);
        }).toList();
        List<EnvironmentDifference> differences = new ArrayList<>();
        for (Field field : FIELDS) {
            Map<String, List<String>> byValue = new LinkedHashMap<>();
            described.stream().filter(d -> field.engine() == null || field.engine() == engine(d.column()))
                    .forEach(d -> byValue.computeIfAbsent(field.value().apply(d), v -> new ArrayList<>())
                            .add(d.column().label()));
            if (byValue.size() > 1 || byValue.containsKey(NOT_RECORDED)) {
                differences.add(new EnvironmentDifference(field.name(), byValue.entrySet().stream()
                        .map(e -> new EnvironmentDifference.Value(e.getKey(), List.copyOf(e.getValue()))).toList()));
            }
        }
        return List.copyOf(differences);
    }

    /** The field names compared, for a reader told that none differ. */
    public static List<String> environmentFields() {
        return FIELDS.stream().map(Field::name).toList();
    }

    private static String recorded(Described d, Function<Environment, String> value) {
        Environment environment = d.environment();
        return environment == null ? NOT_RECORDED : String.valueOf(value.apply(environment));
    }

    private static String library(Environment environment, String artifact) {
        String version = environment.libraries() == null ? null : environment.libraries().get(artifact);
        return artifact + " " + (version == null ? NOT_RECORDED : version);
    }

    /** The engine of a backend label; null for a label this layerbench does not know (a newer one's). */
    private static Engine engine(Column column) {
        return Arrays.stream(Backend.values()).filter(b -> b.label().equals(column.backend())).findFirst()
                .map(Backend::engine).orElse(null);
    }

    static List<Path> baselineFirst(List<Path> dirs, Path baseline) {
        if (baseline == null) {
            return List.copyOf(dirs);
        }
        List<Path> ordered = new ArrayList<>(dirs);
        Path wanted = baseline.toAbsolutePath().normalize();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).toAbsolutePath().normalize().equals(wanted)) {
                ordered.remove(i);
                break;
            }
        }
        ordered.add(0, baseline);
        return ordered;
    }

    /**
     * Display names: each folder's own name, with as many parent folders as it takes to tell the inputs apart
     * ({@code host-a/bench-quick}, {@code host-b/bench-quick}); the same folder given twice gets {@code #2}.
     */
    static List<String> names(List<Path> dirs) {
        List<Path> absolute = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        long distinctPaths = absolute.stream().distinct().count();
        int deepest = absolute.stream().mapToInt(Path::getNameCount).max().orElse(1);
        List<String> names = absolute.stream().map(Path::toString).toList();
        for (int depth = 1; depth <= deepest; depth++) {
            int d = depth;
            List<String> candidate = absolute.stream().map(p -> suffix(p, d)).toList();
            if (candidate.stream().distinct().count() == distinctPaths) {
                names = candidate;
                break;
            }
        }
        List<String> unique = new ArrayList<>();
        for (String name : names) {
            String candidate = name;
            for (int n = 2; unique.contains(candidate); n++) {
                candidate = name + "#" + n;
            }
            unique.add(candidate);
        }
        return unique;
    }

    private static String suffix(Path path, int depth) {
        int count = path.getNameCount();
        if (count == 0) {
            return path.toString();
        }
        return path.subpath(Math.max(0, count - depth), count).toString().replace('\\', '/');
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<Column> columns() {
        return columns;
    }

    public Input baseline() {
        return inputs.get(0);
    }

    /** The regression threshold in percent, or null when no gate was asked for. */
    public Double failAbovePct() {
        return failAbovePct;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Every regressed cell with its baseline cell, in table order. */
    public List<Regression> regressions() {
        return regressions;
    }

    /**
     * Cells the gate checks (against the same backend in the baseline) that are more than the threshold slower
     * by their medians but have too few samples for the test: neither counted as regressions nor hidden.
     */
    public List<Regression> unjudged() {
        return unjudged;
    }

    /** The environment fields that are not the same in every column, or not recorded; empty: identical. */
    public List<EnvironmentDifference> environmentDifferences() {
        return environmentDifferences;
    }
}
