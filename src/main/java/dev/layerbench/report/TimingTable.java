package dev.layerbench.report;

import dev.layerbench.results.Csv;
import dev.layerbench.results.SpeedComparison;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code timing.csv} (one row per benchmark, units in the column names, raw samples left to the JSON) and
 * {@code timing.md}: the warnings first, then one table per shape and thread count, numbers printed to the
 * precision their interval supports, and a footer saying what the intervals and verdicts are. An implementation
 * is marked best only where it is distinguishable from the next fastest (the same test as the verdicts); the
 * GEMM ceilings are never marked best: they are not layers.
 */
public final class TimingTable {
    public static final List<String> COLUMNS = List.of("backend", "impl", "op", "batch", "in", "out", "hidden",
            "dtype", "threads", "us_per_op", "mean_us", "ci_low_us", "ci_high_us", "cv", "forks", "samples",
            "noisy", "flops", "gflops", "ceiling_us", "pct_of_ceiling", "above_ceiling", "ratio_to_pytorch",
            "ratio_low", "ratio_high", "p_value", "vs_pytorch", "alloc_bytes_per_op", "set_aside");

    /** What µs/op and its interval are, in every table that prints them ({@code bench} and {@code compare}). */
    static final String MEDIAN_WORDS = "µs/op: median of the samples (forks × iterations) not set aside as "
            + "disturbed; 95%: two-level bootstrap interval of the median (forks, then iterations)";
    /** When two rows are told apart ({@link SpeedComparison}), in every table that compares them. */
    static final String VERDICT_WORDS = String.format(Locale.US, "faster/slower when Mann–Whitney U gives p < %s, "
            + "the effect is at least %d%% and the interval excludes 1, else same (not distinguishable)",
            SpeedComparison.ALPHA, Math.round(100 * SpeedComparison.MIN_EFFECT));

    /** What every table's footer says; the README's method section says the same at length. */
    static final String FOOTER = MEDIAN_WORDS + "; cv: sd/mean of the samples. % of ceiling: the sum of the same "
            + "backend's GEMM times for the products the op performs, over the op's time. × pytorch: ratio of "
            + "medians at the same thread count, with its 95% bootstrap interval; vs pytorch: " + VERDICT_WORDS
            + ". heap B/op: JMH's gc profiler, bytes allocated by every thread of the fork over an iteration, per"
            + " op — the harness's own few KB an iteration included, which a slow op's row divides among few ops (a"
            + " bare gemm row, which allocates nothing itself, shows that share at its shape)."
            + " Threads: OpenBLAS/OpenMP threads for ND4J, intra-op threads for PyTorch.";

    private static final String BEST = "best";

    private TimingTable() {
    }

    public static String csv(List<TimingRow> rows) {
        return Csv.table(COLUMNS, rows.stream().map(r -> List.<Object>of(r.backend(), r.impl(), r.op(), r.batch(),
                r.in(), r.out(), r.hidden(), r.dtype(), r.threads(), r.usPerOp(), r.meanUs(), r.ciLowUs(),
                r.ciHighUs(), r.cv(), r.forks(), r.samples(), r.noisy(), r.flops(), r.gflops(), r.ceilingUs(),
                r.pctOfCeiling(), r.aboveCeiling(), r.ratioToPytorch(), r.ratioLow(), r.ratioHigh(), r.pValue(),
                r.vsPytorch(), r.allocBytesPerOp(), r.setAside())).toList());
    }

    public static String markdown(TimingResult result) {
        StringBuilder md = new StringBuilder();
        if (result.partial()) {
            md.append("**Partial:** ").append(CompareTables.PARTIAL).append(".\n\n");
        }
        List<String> warnings = result.warningsForReaders();
        for (String warning : warnings) {
            md.append("> **Warning:** ").append(warning).append("\n");
        }
        if (!warnings.isEmpty()) {
            md.append('\n');
        }
        Map<String, List<TimingRow>> groups = result.rows().stream().collect(Collectors.groupingBy(
                TimingTable::group, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<TimingRow>> group : groups.entrySet()) {
            md.append("### ").append(group.getKey()).append("\n\n");
            md.append("| op | backend | impl | µs/op | 95% | cv | GFLOP/s | % of ceiling | × pytorch [95%] "
                    + "| vs pytorch (p) | heap B/op | |\n");
            md.append("|---|---|---|---:|---|---:|---:|---:|---|---|---:|---|\n");
            List<TimingRow> sorted = group.getValue().stream().sorted(Comparator.comparing(TimingRow::op)
                    .thenComparingDouble(TimingRow::usPerOp)).toList();
            for (TimingRow r : sorted) {
                md.append(String.format(Locale.US, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.op(), r.backend(), r.impl(), Numbers.trimmed(r.usPerOp(), halfWidth(r)),
                        Numbers.interval(r.ciLowUs(), r.ciHighUs(), halfWidth(r)),
                        Numbers.fixed(r.cv() * 100, 0) + "%", Numbers.significant(r.gflops(), 3),
                        Numbers.fixed(r.pctOfCeiling(), 0), ratio(r), Numbers.verdict(r.vsPytorch(), r.pValue()),
                        Numbers.fixed(r.allocBytesPerOp(), 0), String.join(", ", marks(r, sorted).stream()
                                .map(m -> m.equals(BEST) ? "**" + m + "**" : m).toList())));
            }
            md.append('\n');
        }
        md.append(FOOTER).append('\n');
        if (!result.agreement().isEmpty()) {
            md.append('\n').append(AgreementTable.markdown(result.agreement()));
        }
        return md.toString();
    }

    /** best (told apart from the next fastest), noisy, above ceiling, samples set aside; here and in the report. */
    static List<String> marks(TimingRow row, List<TimingRow> group) {
        List<String> marks = new ArrayList<>();
        if (isBest(row, group)) {
            marks.add(BEST);
        }
        if (row.noisy()) {
            marks.add("noisy");
        }
        if (row.aboveCeiling()) {
            marks.add("above ceiling");
        }
        if (row.setAside() > 0) {
            marks.add(row.setAside() + " set aside");
        }
        return marks;
    }

    static boolean isBest(TimingRow row, List<TimingRow> group) {
        if (row.impl().equals("gemm")) {
            return false;
        }
        List<TimingRow> rivals = group.stream().filter(o -> o.op().equals(row.op()) && !o.impl().equals("gemm"))
                .sorted(Comparator.comparingDouble(TimingRow::usPerOp)).toList();
        if (rivals.size() < 2 || rivals.get(0) != row) {
            return false;
        }
        return SpeedComparison.of(row.keptSamplesUs(), rivals.get(1).keptSamplesUs()).verdict()
                == SpeedComparison.Verdict.FASTER;
    }

    private static String group(TimingRow r) {
        return shape(r.batch(), r.in(), r.out(), r.hidden(), r.dtype(), r.threads());
    }

    /** The heading of a shape's table, here and in {@code compare}: the shape, dtype and thread count. */
    static String shape(int batch, int in, int out, int hidden, String dtype, int threads) {
        return String.format(Locale.US, "batch %d, in %d, out %d, %s, %s, %s", batch, in, out,
                hidden == 0 ? "no hidden layer" : "hidden " + hidden, dtype, threads(threads));
    }

    /** "1 thread", "2 threads". */
    static String threads(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static double halfWidth(TimingRow r) {
        return Numbers.halfWidth(r.usPerOp(), r.ciLowUs(), r.ciHighUs());
    }

    /** The ratio to PyTorch with its interval (HTML report and Markdown alike). */
    static String ratio(TimingRow r) {
        return Numbers.withInterval(r.ratioToPytorch(), r.ratioLow(), r.ratioHigh());
    }
}
