package dev.layerbench.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.layerbench.BadInputException;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several {@code layerbench bench} results side by side, joined on what was measured: implementation,
 * operation, shape and dtype ({@link Key}). Each result folder gives one column per backend it ran, labelled
 * {@code <folder name>:<backend>}; the first folder is the baseline.
 *
 * <p>Each column is compared with its <em>reference</em>: the baseline column of the same backend, or — when the
 * baseline never ran that backend — the baseline's first column. The speedup is reference µs ÷ column µs (above
 * 1: faster than the baseline). Whether the two 99.9% intervals [µs − err, µs + err] overlap says whether the
 * difference could be noise; a NaN error (JMH reports none for a single iteration) leaves it unknown, never
 * guessed. A key a column did not measure is an empty cell.
 *
 * <p>The regression gate ({@code failAbovePct}) only compares like with like: a cell regressed when its
 * reference is the baseline column of the <em>same</em> backend, it is more than the threshold slower, and the
 * intervals are known not to overlap.
 */
public final class TimingComparison {

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
            return String.format(java.util.Locale.US, "batch %d, in %d, out %d, %s, %s, %d thread%s", batch, in,
                    out, hidden == 0 ? "no hidden layer" : "hidden " + hidden, dtype, threads, threads == 1 ? "" : "s");
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
     * @param reference        the column compared against; null when there is no baseline column at all
     * @param intervalsOverlap null when either error is undefined, or the reference did not measure this key
     * @param pctAboveReference how much slower than the reference, in percent (negative: faster)
     */
    public record Cell(String column, String reference, double usPerOp, double errorUs, double speedupVsBaseline,
                       double pctAboveReference, Boolean intervalsOverlap, boolean regressed) {
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

    private final List<Input> inputs;
    private final List<Column> columns;
    private final Double failAbovePct;
    private final List<Row> rows;

    private TimingComparison(List<Input> inputs, List<Column> columns, Double failAbovePct, List<Row> rows) {
        this.inputs = inputs;
        this.columns = columns;
        this.failAbovePct = failAbovePct;
        this.rows = rows;
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
        for (Key key : keys) {
            List<Cell> cells = new ArrayList<>();
            for (Column column : columns) {
                TimingRow row = measured.get(column).get(key);
                if (row == null) {
                    continue;
                }
                Optional<Column> sameBackend = baselineColumns.stream()
                        .filter(b -> b.backend().equals(column.backend())).findFirst();
                Column reference = column.input().equals(baselineName) ? column
                        : sameBackend.orElse(baselineColumns.isEmpty() ? null : baselineColumns.get(0));
                TimingRow base = reference == null ? null : measured.get(reference).get(key);
                cells.add(cell(column, reference, row, base, sameBackend.isPresent()
                        && !column.input().equals(baselineName), failAbovePct));
            }
            rows.add(new Row(key, List.copyOf(cells)));
        }
        return new TimingComparison(List.copyOf(inputs), List.copyOf(columns), failAbovePct, List.copyOf(rows));
    }

    private static Cell cell(Column column, Column reference, TimingRow row, TimingRow base, boolean gated,
                             Double failAbovePct) {
        if (base == null) {
            return new Cell(column.label(), reference == null ? null : reference.label(), row.usPerOp(),
                    ((row.ciHighUs() - row.ciLowUs()) / 2), Double.NaN, Double.NaN, null, false);
        }
        double speedup = base.usPerOp() / row.usPerOp();
        double pctAbove = 100 * (row.usPerOp() / base.usPerOp() - 1);
        Boolean overlap = overlap(base.usPerOp(), ((base.ciHighUs() - base.ciLowUs()) / 2), row.usPerOp(), ((row.ciHighUs() - row.ciLowUs()) / 2));
        boolean regressed = gated && failAbovePct != null && above(row.usPerOp(), base.usPerOp(), failAbovePct)
                && Boolean.FALSE.equals(overlap);
        return new Cell(column.label(), reference.label(), row.usPerOp(), ((row.ciHighUs() - row.ciLowUs()) / 2), speedup, pctAbove, overlap,
                regressed);
    }

    /**
     * Whether {@code us} is more than {@code pct}% above {@code baseUs}, decided as {@code us·100 > base·(100 + pct)}
     * so that 130 against 100 is exactly 30%, not 30.000000000000004% (as 100·(130/100 − 1) would be).
     */
    static boolean above(double us, double baseUs, double pct) {
        return us * 100 > baseUs * (100 + pct);
    }

    /** Whether [a − ea, a + ea] and [b − eb, b + eb] meet; null when an error is undefined. */
    static Boolean overlap(double a, double errorA, double b, double errorB) {
        if (!Double.isFinite(errorA) || !Double.isFinite(errorB) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return null;
        }
        return Math.abs(a - b) <= Math.abs(errorA) + Math.abs(errorB);
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

    /** Every regressed cell with its row, in table order. */
    public List<Regression> regressions() {
        return rows.stream().flatMap(r -> r.cells().stream().filter(Cell::regressed)
                .map(c -> new Regression(r.key(), c, r.cell(c.reference()).orElseThrow()))).toList();
    }

    /**
     * Cells above the threshold against the same backend that the gate could not judge because an error
     * interval is undefined: neither counted as regressions nor hidden.
     */
    public List<Regression> unjudged() {
        if (failAbovePct == null) {
            return List.of();
        }
        Set<String> baselineLabels = columns.stream().filter(c -> c.input().equals(baseline().name()))
                .map(Column::label).collect(Collectors.toSet());
        return rows.stream().flatMap(r -> r.cells().stream()
                .filter(c -> c.intervalsOverlap() == null && c.reference() != null
                        && !baselineLabels.contains(c.column())
                        && baselineLabels.contains(c.reference())
                        && backendOf(c.reference()).equals(backendOf(c.column()))
                        && above(c.usPerOp(), r.cell(c.reference()).map(Cell::usPerOp).orElse(Double.NaN),
                        failAbovePct))
                .map(c -> new Regression(r.key(), c, r.cell(c.reference()).orElseThrow()))).toList();
    }

    private String backendOf(String label) {
        return columns.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().backend();
    }

    /** One cell slower than its baseline, as printed by the gate. */
    public record Regression(Key key, Cell cell, Cell baseline) {
        public String describe() {
            return String.format(java.util.Locale.US, "%s on %s: baseline %s %.3f µs/op, now %.3f µs/op (%+.1f%%)",
                    key, cell.column(), baseline.column(), baseline.usPerOp(), cell.usPerOp(),
                    cell.pctAboveReference());
        }
    }
}
