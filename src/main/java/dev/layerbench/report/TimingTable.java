package dev.layerbench.report;

import dev.layerbench.results.Csv;
import dev.layerbench.results.TimingRow;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code timing.csv} (one row per benchmark, units in the column names) and {@code timing.md} (grouped by
 * shape, the fastest layer implementation of each operation marked). The GEMM ceiling is never marked best:
 * it is not a layer.
 */
public final class TimingTable {
    public static final List<String> COLUMNS = List.of("backend", "impl", "op", "batch", "in", "out", "hidden",
            "dtype", "us_per_op", "error_us", "flops", "gflops", "pct_of_ceiling", "ratio_to_pytorch",
            "alloc_bytes_per_op");

    private TimingTable() {
    }

    public static String csv(List<TimingRow> rows) {
        return Csv.table(COLUMNS, rows.stream().map(r -> List.<Object>of(r.backend(), r.impl(), r.op(), r.batch(),
                r.in(), r.out(), r.hidden(), r.dtype(), r.usPerOp(), r.errorUs(), r.flops(), r.gflops(),
                r.pctOfCeiling(), r.ratioToPytorch(), r.allocBytesPerOp())).toList());
    }

    public static String markdown(List<TimingRow> rows) {
        StringBuilder md = new StringBuilder();
        Map<String, List<TimingRow>> byShape = rows.stream().collect(Collectors.groupingBy(TimingTable::shape,
                LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<TimingRow>> group : byShape.entrySet()) {
            md.append("### ").append(group.getKey()).append("\n\n");
            md.append("| op | backend | impl | µs/op | ± (99.9%) | GFLOP/s | % of gemm | × pytorch | heap B/op | |\n");
            md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
            List<TimingRow> sorted = group.getValue().stream().sorted(Comparator.comparing(TimingRow::op)
                    .thenComparingDouble(TimingRow::usPerOp)).toList();
            for (TimingRow r : sorted) {
                boolean best = !r.impl().equals("gemm") && sorted.stream()
                        .filter(o -> o.op().equals(r.op()) && !o.impl().equals("gemm"))
                        .allMatch(o -> o.usPerOp() >= r.usPerOp());
                md.append(String.format(Locale.US, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.op(), r.backend(), r.impl(), fixed(r.usPerOp(), 1), fixed(r.errorUs(), 1),
                        fixed(r.gflops(), 2), fixed(r.pctOfCeiling(), 0), fixed(r.ratioToPytorch(), 2),
                        fixed(r.allocBytesPerOp(), 0), best ? "**best**" : ""));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String shape(TimingRow r) {
        return String.format(Locale.US, "batch %d, in %d, out %d, %s, %s", r.batch(), r.in(), r.out(),
                r.hidden() == 0 ? "no hidden layer" : "hidden " + r.hidden(), r.dtype());
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.US, "%." + decimals + "f", value) : "";
    }
}
