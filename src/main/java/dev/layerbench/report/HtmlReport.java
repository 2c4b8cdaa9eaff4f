package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.Operation;
import dev.layerbench.bench.Product;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.AgreementRow;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.SaddleRow;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.CellSummary;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.jfree.chart.JFreeChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * {@code layerbench report}: bench and study results as one self-contained HTML page — inline style, charts as
 * inline SVG, no script, nothing loaded from the network — so it can be mailed, archived or opened offline.
 * Every piece of text taken from a result file goes through {@link #escape}.
 */
public final class HtmlReport {
    static final List<String> OPS = List.of("forward", "backward", "train_step");
    /** The chart title of the ceiling products' ratios: they are many ops ({@code gemm:l1.xw}…) of one kind. */
    static final String GEMM_FAMILY = "GEMM ceiling products";

    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1500px;margin:1em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1em;display:block;overflow-x:auto}
            th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f0f0f0}
            .grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.5em 1.5em;align-items:start}
            figure{margin:0}figure svg{display:block;width:100%;height:auto}
            p.caption{font-size:13px;color:#555;margin:.3em 0 1.5em}
            td.v{text-align:center;font-size:12px;padding:0}td.v div{padding:2px 6px}
            span.chip{display:inline-block;padding:1px 6px;margin-right:4px;font-size:12px}
            code{background:#f4f4f4;padding:0 2px}
            """;

    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {
    }

    /** The whole page for {@code inputs}, the first bench folder the baseline of the hardware comparison. */
    public static String render(List<ReportInput> inputs, String notes) {
        return render(inputs, notes, null);
    }

    /**
     * The whole page for {@code inputs}, in the order given, after {@code notes} (Markdown; may be empty); with
     * several bench folders, a hardware comparison against {@code baseline} (one of them; null: the first).
     */
    public static String render(List<ReportInput> inputs, String notes, Path baseline) {
        List<ReportInput.Bench> benches = inputs.stream().filter(ReportInput.Bench.class::isInstance)
                .map(ReportInput.Bench.class::cast).toList();
        if (baseline != null && benches.stream().noneMatch(b -> sameFolder(b.dir(), baseline))) {
            throw new BadInputException("--baseline " + baseline + " is not one of the bench folders given ("
                    + benches.stream().map(b -> b.dir().toString()).collect(Collectors.joining(", ")) + ")");
        }
        HtmlReport page = new HtmlReport();
        page.html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>layerbench report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<h1>layerbench report</h1>\n<ul>\n");
        for (ReportInput input : inputs) {
            page.html.append("<li>").append(escape(kind(input))).append(": <code>")
                    .append(escape(input.dir().toString())).append("</code></li>\n");
        }
        page.html.append("</ul>\n");
        page.summary(inputs);
        if (!notes.isBlank()) {
            page.html.append("<h2>Notes</h2>\n").append(markdownToHtml(notes));
        }
        for (ReportInput input : inputs) {
            page.html.append("<h2>").append(escape(kind(input))).append(": ").append(escape(input.dir().toString()))
                    .append("</h2>\n");
            if (input instanceof ReportInput.Bench bench) {
                page.bench(bench.result());
            } else if (input instanceof ReportInput.Study study) {
                page.study(study.study());
            }
        }
        if (benches.size() > 1) {
            page.hardware(benches, baseline);
        }
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    /** Text made safe to place in HTML element content and in double- or single-quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String kind(ReportInput input) {
        return input instanceof ReportInput.Bench ? "bench" : "study";
    }

    // ---- environment ----

    /**
     * One column per backend child. ND4J's own rows (its build, BLAS, products, element-wise ops) are filled only in
     * columns whose rows ND4J ran: a PyTorch child's JVM starts ND4J too and records it, but libtorch ran its rows.
     */
    private void environments(List<String> labels, List<Boolean> nd4jRan, List<Environment> environments) {
        html.append("<h3>Environment</h3>\n<table>\n<tr><th></th>");
        labels.forEach(l -> html.append("<th>").append(escape(l)).append("</th>"));
        html.append("</tr>\n");
        environmentRow("host", environments, Environment::hostName);
        environmentRow("CPU", environments, Environment::cpuModel);
        environmentRow("logical cores", environments, e -> Integer.toString(e.logicalCores()));
        environmentRow("memory", environments, e -> String.format(Locale.US, "%.1f GiB",
                e.memoryBytes() / (1024.0 * 1024 * 1024)));
        environmentRow("OS", environments, Environment::os);
        environmentRow("JVM", environments, Environment::jvm);
        environmentRow("ND4J backend / build", environments, nd4jRan,
                e -> e.nd4jBackend() + " / " + e.nd4jNativeBuild());
        environmentRow("BLAS", environments, nd4jRan, e -> e.blasVendor() + String.format(Locale.US,
                " (%d BLAS threads, %d OpenMP threads)", e.blasThreads(), e.ompThreads()));
        environmentRow("products", environments, nd4jRan,
                e -> e.products() == null ? "not recorded" : e.products());
        environmentRow("element-wise ops", environments, nd4jRan,
                e -> e.elementwise() == null ? "not recorded" : e.elementwise());
        environmentRow("native environment", environments, e -> e.threadEnvironment() == null
                || e.threadEnvironment().isEmpty() ? "(none set)" : e.threadEnvironment().toString());
        environmentRow("GPUs", environments, e -> e.gpus() == null || e.gpus().isEmpty() ? "none"
                : e.gpus().stream().map(HtmlReport::gpu).collect(Collectors.joining("; ")));
        environmentRow("git commit", environments, Environment::gitCommit);
        environmentRow("layerbench", environments, Environment::layerbenchVersion);
        html.append("</table>\n");
    }

    /** Whether ND4J ran a child's rows (its engine), from the backend it loaded or, failing that, the one asked. */
    private static boolean nd4jRanRows(ChildReport child) {
        Backend backend = child.loaded() != null && child.loaded().backend() != null ? child.loaded().backend()
                : Arrays.stream(Backend.values()).filter(b -> b.label().equals(child.requestedBackend())).findFirst()
                .orElse(null);
        return backend == null || backend.engine() == Engine.ND4J;
    }

    private static String gpu(GpuInfo g) {
        return String.format(Locale.US, "%s (cc %s, %d MiB, driver %s, CUDA %s)", g.name(), g.computeCapability(),
                g.memoryMiB(), g.driverVersion(), g.cudaVersion());
    }

    private void environmentRow(String name, List<Environment> environments, Function<Environment, String> value) {
        environmentRow(name, environments, java.util.Collections.nCopies(environments.size(), true), value);
    }

    /** A row whose cells are filled only where {@code shown} says so; the others name libtorch as what ran. */
    private void environmentRow(String name, List<Environment> environments, List<Boolean> shown,
                                Function<Environment, String> value) {
        html.append("<tr><th>").append(escape(name)).append("</th>");
        for (int i = 0; i < environments.size(); i++) {
            Environment e = environments.get(i);
            html.append("<td>").append(e == null ? "" : shown.get(i) ? escape(value.apply(e))
                    : "— (libtorch&#39;s own)").append("</td>");
        }
        html.append("</tr>\n");
    }

    // ---- bench ----

    /**
     * The suite's three sentences ({@link Headlines}) from the first bench and study folder given, first on the
     * page: what the tables below say, in the words their verdicts allow.
     */
    private void summary(List<ReportInput> inputs) {
        List<TimingRow> timing = inputs.stream().filter(ReportInput.Bench.class::isInstance).findFirst()
                .map(i -> ((ReportInput.Bench) i).result().rows()).orElse(List.of());
        List<StudyRow> study = inputs.stream().filter(ReportInput.Study.class::isInstance).findFirst()
                .map(i -> ((ReportInput.Study) i).study().result().rows()).orElse(List.of());
        html.append("<h2>In short</h2>\n<ul>\n");
        Headlines.of(timing, study).forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
        html.append("</ul>\n");
    }

    private void bench(TimingResult result) {
        if (result.partial()) {
            html.append("<p><strong>Partial:</strong> ").append(inline(CompareTables.PARTIAL)).append(".</p>\n");
        }
        List<String> warnings = result.warningsForReaders();
        if (!warnings.isEmpty()) {
            html.append("<p>What to know before reading these numbers (the run's warnings):</p>\n<ul>\n");
            warnings.forEach(w -> html.append("<li>").append(escape(w)).append("</li>\n"));
            html.append("</ul>\n");
        }
        List<ChildReport> children = result.backends() == null ? List.of() : result.backends();
        environments(children.stream().map(c -> c.loaded() == null || c.loaded().backend() == null
                ? c.requestedBackend() : c.loaded().backend().toString()).toList(),
                children.stream().map(HtmlReport::nd4jRanRows).toList(),
                children.stream().map(ChildReport::environment).toList());
        if (result.skipped() != null && !result.skipped().isEmpty()) {
            html.append("<p>Skipped:</p>\n<ul>\n");
            result.skipped().forEach(s -> html.append("<li>").append(escape(s)).append("</li>\n"));
            html.append("</ul>\n");
        }
        List<TimingRow> rows = result.rows();
        List<Integer> threadCounts = rows.stream().map(TimingRow::threads).distinct().sorted().toList();
        times(rows, threadCounts);
        ratios(rows);
        roofline(rows);
        timingTable(rows);
        agreementTable(result.agreement());
    }

    /**
     * Per op and layer shape, one panel per backend that ran it: µs/op against batch, one colour per
     * implementation, one dash per thread count, whiskers from the 95% intervals, the panels on one scale.
     */
    private void times(List<TimingRow> rows, List<Integer> threadCounts) {
        html.append("<h3>Time per op</h3>\n");
        for (String op : layerOps(rows)) {
            List<TimingRow> ofOp = rows.stream().filter(r -> r.op().equals(op)).toList();
            for (String shape : distinct(ofOp.stream().map(HtmlReport::layerShape).toList())) {
                List<TimingRow> same = ofOp.stream().filter(r -> layerShape(r).equals(shape)).toList();
                List<JFreeChart> panels = new ArrayList<>();
                for (String backend : distinct(same.stream().map(TimingRow::backend).toList())) {
                    Map<String, Charts.Series> series = new LinkedHashMap<>();
                    same.stream().filter(r -> r.backend().equals(backend) && r.usPerOp() > 0)
                            .sorted(Comparator.comparing(TimingRow::impl).thenComparingInt(TimingRow::threads))
                            .forEach(r -> series.computeIfAbsent(r.impl() + threads(r), name -> Charts.Series.of(
                                    name, Palette.implementation(r.impl()), threadCounts.indexOf(r.threads())))
                                    .add(r.batch(), r.usPerOp(), r.ciLowUs(), r.ciHighUs()));
                    panels.add(Charts.xy(op + " on " + backend, new Charts.Scale("batch", true),
                            new Charts.Scale("µs/op (median, 95% interval)", true), List.copyOf(series.values()),
                            true, true, true));
                }
                Charts.shareRanges(panels);
                html.append("<h4>").append(escape(op)).append(", ").append(escape(shape)).append("</h4>\n");
                grid(panels.stream().map(Charts::svg).toList(), String.format(Locale.US, "%s at %s: one panel per "
                        + "backend, on the same scales; one colour per implementation (the same on the whole page), "
                        + "one dash per thread count; whiskers: the 95%% interval of the median. Both axes "
                        + "logarithmic.", op, shape));
            }
        }
    }

    /**
     * Per op, each row's ratio to its PyTorch peer as a dot with its interval, around a line at 1, coloured by
     * the verdict; the ceiling products' GEMMs (ND4J's BLAS against PyTorch's) get a chart of their own.
     */
    private void ratios(List<TimingRow> rows) {
        html.append("<h3>Ratio to PyTorch</h3>\n");
        List<TimingRow> compared = rows.stream().filter(r -> Double.isFinite(r.ratioToPytorch())
                && r.ratioToPytorch() > 0).toList();
        if (compared.isEmpty()) {
            html.append("<p>No row has a PyTorch peer (the same op, shape and thread count timed by PyTorch).</p>\n");
            return;
        }
        List<String> svgs = new ArrayList<>();
        for (String family : distinct(compared.stream().map(HtmlReport::family).sorted(Comparator.comparingInt(
                HtmlReport::opRank)).toList())) {
            List<Charts.Estimate> estimates = compared.stream().filter(r -> family(r).equals(family))
                    .sorted(Comparator.comparing(TimingRow::impl).thenComparing(TimingRow::op)
                            .thenComparing(HtmlReport::layerShape).thenComparingInt(TimingRow::batch)
                            .thenComparingInt(TimingRow::threads))
                    .map(r -> new Charts.Estimate((family.equals(r.op()) ? r.impl() : r.op()) + ", "
                            + shortShape(r.batch(), r.in(), r.out(), r.hidden(), r.dtype(), r.threads()), r.ratioToPytorch(), r.ratioLow(), r.ratioHigh(), r.vsPytorch(),
                            Palette.speed(r.vsPytorch()))).toList();
            svgs.add(Charts.svg(Charts.forest(family + ": time ÷ PyTorch's time", "ratio of medians (below 1: "
                    + "faster than PyTorch)", estimates), Charts.forestHeight(estimates.size())));
        }
        grid(svgs, "Each row's median over PyTorch's for the same op, shape and thread count on the same kind of "
                + "device: dot, the ratio; whiskers, its 95% bootstrap interval; the line at 1, as fast as PyTorch. "
                + "Colour: the verdict — " + TimingTable.VERDICT_WORDS + ". Log axis.");
    }

    /**
     * Per op, achieved GFLOP/s against arithmetic intensity, with each backend's best GEMM ceiling row as a
     * horizontal line: how far a layer is from what the same BLAS reaches on one product alone.
     */
    private void roofline(List<TimingRow> rows) {
        html.append("<h3>Roofline</h3>\n");
        Map<String, Double> ceilings = new LinkedHashMap<>();
        rows.stream().filter(r -> r.op().startsWith(Product.CEILING_PREFIX) && Double.isFinite(r.gflops()))
                .forEach(r -> ceilings.merge(r.backend(), r.gflops(), Math::max));
        List<String> svgs = new ArrayList<>();
        for (String op : layerOps(rows)) {
            Map<String, Charts.Series> series = new LinkedHashMap<>();
            rows.stream().filter(r -> r.op().equals(op) && r.usPerOp() > 0)
                    .sorted(Comparator.comparing(TimingRow::impl).thenComparing(TimingRow::backend))
                    .forEach(r -> {
                        double intensity = intensity(r);
                        if (Double.isFinite(intensity)) {
                            series.computeIfAbsent(r.impl() + " on " + r.backend(), name -> Charts.Series.of(name,
                                    Palette.implementation(r.impl()), 0)).add(intensity, r.gflops(),
                                    r.flops() / (r.ciHighUs() * 1e3), r.flops() / (r.ciLowUs() * 1e3));
                        }
                    });
            JFreeChart chart = Charts.xy(op + ": GFLOP/s against arithmetic intensity",
                    new Charts.Scale("arithmetic intensity (FLOPs per byte)", true),
                    new Charts.Scale("GFLOP/s (median, 95% interval)", true), List.copyOf(series.values()), true,
                    false, true);
            List<String> backends = distinct(rows.stream().filter(r -> r.op().equals(op)).map(TimingRow::backend)
                    .toList());
            for (int i = 0; i < backends.size(); i++) {
                Double best = ceilings.get(backends.get(i));
                if (best != null) {
                    Charts.line(chart, best, String.format(Locale.US, "%s: best GEMM %s GFLOP/s", backends.get(i),
                            Numbers.significant(best, 3)), Palette.implementation("gemm"), i + 1);
                }
            }
            svgs.add(Charts.svg(chart));
        }
        grid(svgs, "Arithmetic intensity: the op's FLOPs (2·m·n·k summed over the matrix products it performs) "
                + "over the bytes of each product's A, B and C read or written once at the dtype's width (4 bytes "
                + "for float32, 8 for float64) — the least traffic there can be, so the real intensity is lower. "
                + "Lines: each backend's best GEMM ceiling row (the fastest of its single products, at whichever "
                + "shape and thread count), in GFLOP/s. Both axes logarithmic.");
    }

    /**
     * FLOPs per byte of {@code r}: the sum of 2·m·n·k over the products its op performs, over the bytes of each
     * product's A (m×k), B (k×n) and C (m×n) at the dtype's width; NaN for a row this layerbench cannot name the
     * products of (an implementation, op or dtype from a newer one).
     */
    static double intensity(TimingRow r) {
        if (!known(Implementation.values(), r.impl()) || !known(Dtype.values(), r.dtype())
                || !r.op().startsWith(Product.CEILING_PREFIX) && !known(Operation.values(), r.op())) {
            return Double.NaN;
        }
        BenchmarkShape shape = BenchmarkShape.of(r.batch(), r.in(), r.out(), r.hidden(), r.dtype());
        List<Product> products = r.op().startsWith(Product.CEILING_PREFIX)
                ? List.of(Product.parse(r.op(), shape))
                : Product.of(Labelled.parse(Implementation.class, r.impl(), "impl"),
                Labelled.parse(Operation.class, r.op(), "op"), shape);
        double elements = products.stream().mapToDouble(p -> (double) p.m() * p.k() + (double) p.k() * p.n()
                + (double) p.m() * p.n()).sum();
        double flops = products.stream().mapToDouble(Product::flops).sum();
        return flops / (elements * shape.dtype().nd4j().width());
    }

    private static boolean known(Labelled[] values, String label) {
        return Arrays.stream(values).anyMatch(v -> v.label().equals(label));
    }

    /** The layer ops the rows hold (not the ceiling products), forward, backward, train_step first. */
    private static List<String> layerOps(List<TimingRow> rows) {
        return distinct(rows.stream().map(TimingRow::op).filter(op -> !op.startsWith(Product.CEILING_PREFIX))
                .sorted(Comparator.comparingInt(HtmlReport::opRank)).toList());
    }

    private static int opRank(String op) {
        int rank = OPS.indexOf(op);
        return rank >= 0 ? rank : OPS.size();
    }

    /**
     * A row's op, or for a ceiling product the one family they all belong to; a chart's line names the
     * implementation within an op's family, the product within the ceilings' (all timed by gemm).
     */
    private static String family(TimingRow r) {
        return family(r.op());
    }

    private static String family(String op) {
        return op.startsWith(Product.CEILING_PREFIX) ? GEMM_FAMILY : op;
    }

    /** Everything of a row's shape but its batch: "in 784, out 10, no hidden layer, float32". */
    private static String layerShape(TimingRow r) {
        return String.format(Locale.US, "in %d, out %d, %s, %s", r.in(), r.out(),
                r.hidden() == 0 ? "no hidden layer" : "hidden " + r.hidden(), r.dtype());
    }

    /** A shape in few characters, for a chart's line: "batch 32, 784→16→10, float32, 2 thr". */
    private static String shortShape(int batch, int in, int out, int hidden, String dtype, int threads) {
        return String.format(Locale.US, "batch %d, %d→%s%d, %s, %d thr", batch, in, hidden == 0 ? "" : hidden + "→",
                out, dtype, threads);
    }

    /** One table per shape and thread count, in the words and digits of {@code timing.md}. */
    private void timingTable(List<TimingRow> rows) {
        Map<String, List<TimingRow>> byShape = rows.stream().collect(Collectors.groupingBy(r -> TimingTable.shape(
                r.batch(), r.in(), r.out(), r.hidden(), r.dtype(), r.threads()), LinkedHashMap::new,
                Collectors.toList()));
        html.append("<h3>Timing table</h3>\n");
        for (Map.Entry<String, List<TimingRow>> group : byShape.entrySet()) {
            html.append("<h4>").append(escape(group.getKey())).append("</h4>\n<table>\n<tr><th>op</th>")
                    .append("<th>backend</th><th>impl</th><th>µs/op [95%]</th><th>GFLOP/s</th>")
                    .append("<th>% of ceiling</th><th>× pytorch [95%]</th><th>vs pytorch</th><th></th></tr>\n");
            List<TimingRow> sorted = group.getValue().stream().sorted(Comparator.comparing(TimingRow::op)
                    .thenComparingDouble(TimingRow::usPerOp)).toList();
            sorted.forEach(r -> html.append("<tr><td>")
                    .append(escape(r.op())).append("</td><td>").append(escape(r.backend())).append("</td><td>")
                    .append(escape(r.impl())).append("</td>")
                    .append(number(Numbers.withInterval(r.usPerOp(), r.ciLowUs(), r.ciHighUs())))
                    .append(number(Numbers.significant(r.gflops(), 3)))
                    .append(number(Numbers.fixed(r.pctOfCeiling(), 0))).append(number(TimingTable.ratio(r)))
                    .append("<td>").append(escape(Numbers.verdict(r.vsPytorch(), r.pValue()))).append("</td>")
                    .append("<td>").append(escape(String.join(", ", TimingTable.marks(r, sorted)))).append("</td>")
                    .append("</tr>\n"));
            html.append("</table>\n");
        }
        html.append("<p>").append(escape(TimingTable.FOOTER)).append("</p>\n");
    }

    /** {@link AgreementTable}'s lines and math modes, after the timings they qualify; nothing without rows. */
    private void agreementTable(List<AgreementRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<h3>Agreement with a float64 reference</h3>\n<table>\n<tr>");
        AgreementTable.HEADS.forEach(head -> html.append("<th>").append(escape(head)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> cells : AgreementTable.lines(rows)) {
            html.append("<tr>");
            cells.subList(0, 4).forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            cells.subList(4, cells.size()).forEach(cell -> html.append(number(cell)));
            html.append("</tr>\n");
        }
        html.append("</table>\n<ul>\n");
        AgreementTable.mathModes(rows).forEach(mode -> html.append("<li>").append(escape(mode)).append("</li>\n"));
        html.append("</ul>\n<p>").append(escape(AgreementTable.WORDS)).append("</p>\n");
    }

    private static String number(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    /** ", 2 threads": series of one implementation at several thread counts must not share a line. */
    private static String threads(TimingRow r) {
        return ", " + TimingTable.threads(r.threads());
    }

    // ---- hardware ----

    /**
     * Several bench folders (machines) side by side, compared as {@code layerbench compare} compares them
     * ({@link TimingComparison}): per op, each column's — a machine's backend's — time over its reference's (the
     * baseline folder's column of the same backend) as dot and whisker, then every column's time in a table.
     */
    private void hardware(List<ReportInput.Bench> benches, Path baseline) {
        List<ReportInput.Bench> ordered = new ArrayList<>(benches);
        if (baseline != null) {
            ReportInput.Bench first = benches.stream().filter(b -> sameFolder(b.dir(), baseline)).findFirst()
                    .orElseThrow();
            ordered.remove(first);
            ordered.add(0, first);
        }
        List<String> names = TimingComparison.names(ordered.stream().map(ReportInput.Bench::dir).toList());
        List<TimingComparison.Input> inputs = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            inputs.add(new TimingComparison.Input(names.get(i), ordered.get(i).dir(), ordered.get(i).result()));
        }
        TimingComparison comparison = TimingComparison.of(inputs, null);
        html.append("<h2>Hardware comparison</h2>\n<p>Baseline: <code>").append(escape(names.get(0)))
                .append("</code>. Each column — one folder's backend — is compared with the baseline's column of "
                        + "the same backend (or, where the baseline did not run that backend, its first column): "
                        + "its median over the reference's, the 95% bootstrap interval of that ratio, and the "
                        + "verdict (").append(escape(TimingTable.VERDICT_WORDS)).append(").</p>\n");
        List<TimingComparison.EnvironmentDifference> differences = comparison.environmentDifferences();
        if (!differences.isEmpty()) {
            html.append("<p>What differs between the columns besides the code:</p>\n<ul>\n");
            for (TimingComparison.EnvironmentDifference d : differences) {
                html.append("<li>").append(escape(d.field())).append(": ").append(escape(d.values().stream()
                        .map(v -> v.value() + " (" + String.join(", ", v.columns()) + ")")
                        .collect(Collectors.joining("; ")))).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        List<String> families = distinct(comparison.rows().stream().map(r -> family(r.key().op()))
                .sorted(Comparator.comparingInt(HtmlReport::opRank)).toList());
        List<String> svgs = new ArrayList<>();
        for (String family : families) {
            List<Charts.Estimate> estimates = new ArrayList<>();
            for (TimingComparison.Row row : comparison.rows()) {
                if (!family(row.key().op()).equals(family)) {
                    continue;
                }
                for (TimingComparison.Cell cell : row.cells()) {
                    if (Double.isFinite(cell.ratio()) && cell.ratio() > 0) {
                        estimates.add(new Charts.Estimate(keyLabel(row.key(), family) + " — " + cell.column(),
                                cell.ratio(), cell.ratioLow(), cell.ratioHigh(), cell.verdict(),
                                Palette.speed(cell.verdict())));
                    }
                }
            }
            if (!estimates.isEmpty()) {
                svgs.add(Charts.svg(Charts.forest(family + ": time ÷ the baseline's", "ratio of medians (below "
                        + "1: faster than the baseline)", estimates), Charts.forestHeight(estimates.size())));
            }
        }
        if (svgs.isEmpty()) {
            html.append("<p>No op was measured both in the baseline and in another folder.</p>\n");
        } else {
            grid(svgs, "Dot: a column's median over its reference's for the same implementation, op, shape and "
                    + "thread count; whiskers: its 95% bootstrap interval; the line at 1: as fast as the baseline. "
                    + "Colour: the verdict (unjudged: fewer than two samples on a side). Log axis.");
        }
        for (String family : families) {
            html.append("<h4>").append(escape(family)).append(": µs/op [95%], then × reference [95%]</h4>\n")
                    .append("<table>\n<tr><th>implementation and shape</th>");
            comparison.columns().forEach(c -> html.append("<th>").append(escape(c.label())).append("</th>"));
            html.append("</tr>\n");
            for (TimingComparison.Row row : comparison.rows()) {
                if (!family(row.key().op()).equals(family)) {
                    continue;
                }
                html.append("<tr><th>").append(escape(keyLabel(row.key(), family))).append("</th>");
                for (TimingComparison.Column column : comparison.columns()) {
                    html.append(row.cell(column.label()).map(c -> "<td class=\"n\">" + escape(Numbers.withInterval(
                            c.usPerOp(), c.ciLowUs(), c.ciHighUs())) + (Double.isFinite(c.ratio()) ? "<br><span "
                            + "style=\"color:" + Palette.css(Palette.speed(c.verdict())) + "\">× " + escape(
                            Numbers.withInterval(c.ratio(), c.ratioLow(), c.ratioHigh()) + " " + c.verdict())
                            + "</span>" : "") + "</td>").orElse("<td></td>"));
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static String keyLabel(TimingComparison.Key key, String family) {
        return (family.equals(key.op()) ? key.impl() : key.op()) + ", " + shortShape(key.batch(),
                key.in(), key.out(), key.hidden(), key.dtype(), key.threads());
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    // ---- study ----

    private void study(StudyResults.Study study) {
        StudyResult result = study.result();
        if (result.partial()) {
            html.append("<p><strong>Partial:</strong> the study did not finish; the runs it journaled are shown, "
                    + "<code>study --resume</code> trains the rest.</p>\n");
        }
        environments(List.of("study"), List.of(true), java.util.Collections.singletonList(result.environment()));
        if (result.skipped() != null && !result.skipped().isEmpty()) {
            html.append("<p>Skipped:</p>\n<ul>\n");
            result.skipped().forEach(s -> html.append("<li>").append(escape(s)).append("</li>\n"));
            html.append("</ul>\n");
        }
        List<StudyRow> rows = result.rows();
        if (rows.isEmpty()) {
            html.append("<p>No runs.</p>\n");
            return;
        }
        String backend = rows.get(0).backend();
        List<StudyRow> first = rows.stream().filter(r -> r.backend().equals(backend)).toList();
        List<CellSummary> cells = CellSummary.of(first);
        html.append(markdownToHtml(StudyMarkdown.seedLine(first)));
        html.append(markdownToHtml(StudyMarkdown.ninetyTwo(cells)));
        heatMap(cells, backend);
        html.append(markdownToHtml(StudyMarkdown.trainAgainstHeldOut(first, cells)));
        html.append("<details><summary>Every cell over its seeds</summary>\n")
                .append(markdownToHtml(StudyMarkdown.cellTable(CellSummary.of(rows)))).append("</details>\n");
        List<String> scenarios = distinct(first.stream().map(StudyRow::scenario).toList());
        String scenario = scenarios.contains("fashion-mnist") ? "fashion-mnist"
                : scenarios.contains("balanced") ? "balanced" : scenarios.get(0);
        List<StudyRow> shown = first.stream().filter(r -> r.scenario().equals(scenario)).toList();
        List<CurvePoint> curves = study.curves().stream().filter(p -> p.backend().equals(backend)
                && p.scenario().equals(scenario)).toList();
        html.append("<h3>Curves (scenario ").append(escape(scenario)).append(", backend ").append(escape(backend))
                .append(")</h3>\n");
        accuracy(shown, curves, distinct(first.stream().map(StudyRow::init).toList()));
        spreads(shown, curves);
        saddle(study.saddle());
    }

    /** The saddle measurement: what it found, its figure and its table of steps. */
    private void saddle(List<SaddleRow> rows) {
        List<JFreeChart> panels = SaddleFigure.panels(rows);
        if (panels.isEmpty()) {
            return;
        }
        html.append(markdownToHtml(SaddleMarkdown.text(rows)));
        grid(panels.stream().map(Charts::svg).toList(), "Updates until test accuracy left the majority share, "
                + "against the initial weight scale (log axis; the all-zero start at the left edge, in both panels): "
                + "one colour per activation, float32 solid, float64 dashed (a dashed line hidden under a solid one "
                + "took the same steps). The grey line at the top is \"never within the budget\"; the dotted one "
                + "is softmax regression from zero.");
        List<List<String>> table = SaddleMarkdown.table(rows);
        html.append("<p>").append(escape(SaddleMarkdown.tableCaption(rows))).append("</p>\n<table>\n<tr>");
        table.get(0).forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> line : table.subList(1, table.size())) {
            html.append("<tr><th>").append(escape(line.get(0))).append("</th>");
            line.subList(1, line.size()).forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * Per layer configuration the study trained, test accuracy per epoch: one line per initialisation, the median
     * over seeds, in a band from the lowest to the highest seed.
     */
    private void accuracy(List<StudyRow> rows, List<CurvePoint> curves, List<String> inits) {
        List<String> dtypes = distinct(rows.stream().map(StudyRow::dtype).toList());
        String dtype = dtypes.contains("float32") ? "float32" : dtypes.get(0);
        List<JFreeChart> panels = new ArrayList<>();
        for (StudyRow layer : distinctBy(rows, StudyMarkdown::column)) {
            List<Charts.Series> series = new ArrayList<>();
            for (String init : inits) {
                Charts.Series s = Charts.Series.of(init, Palette.init(inits.indexOf(init)), 0);
                overSeeds(curves.stream().filter(p -> p.kind().equals("epoch") && p.init().equals(init)
                        && p.hidden() == layer.hidden() && p.activation().equals(layer.activation())
                        && p.dtype().equals(dtype) && Double.isFinite(p.testAccuracy())).toList(),
                        CurvePoint::epoch, CurvePoint::testAccuracy, s);
                series.add(s);
            }
            panels.add(Charts.bands("test accuracy, " + StudyMarkdown.column(layer) + ", " + dtype,
                    new Charts.Scale("epoch", false), new Charts.Scale("test accuracy", false), series));
        }
        Charts.shareRanges(panels);
        grid(panels.stream().map(Charts::svg).toList(), "Test accuracy after each epoch, one panel per layer "
                + "configuration, one line per initialisation (each initialisation one colour in every panel): the "
                + "median over seeds, the band from the lowest to the highest seed.");
    }

    /** Per x, the median of the points' y over seeds, with the lowest and highest as its interval, into {@code s}. */
    private static void overSeeds(List<CurvePoint> points, ToIntFunction<CurvePoint> x,
                                  ToDoubleFunction<CurvePoint> y, Charts.Series s) {
        Map<Integer, List<Double>> byX = points.stream().collect(Collectors.groupingBy(x::applyAsInt,
                TreeMap::new, Collectors.mapping(y::applyAsDouble, Collectors.toList())));
        byX.forEach((at, values) -> {
            double[] ys = values.stream().mapToDouble(Double::doubleValue).toArray();
            s.add(at, new Median().evaluate(ys), Arrays.stream(ys).min().orElseThrow(),
                    Arrays.stream(ys).max().orElseThrow());
        });
    }

    /**
     * Per initialisation whose hidden units started identical, their spread per traced step: one colour per
     * activation, float32 solid and float64 dashed.
     */
    private void spreads(List<StudyRow> rows, List<CurvePoint> curves) {
        List<StudyRow> symmetric = rows.stream().filter(r -> r.hidden() > 0 && r.initialSpread() == 0).toList();
        List<String> dtypes = distinct(symmetric.stream().map(StudyRow::dtype).sorted().toList());
        boolean severalWidths = symmetric.stream().map(StudyRow::hidden).distinct().count() > 1;
        List<String> svgs = new ArrayList<>();
        for (String init : distinct(symmetric.stream().map(StudyRow::init).toList())) {
            List<Charts.Series> series = new ArrayList<>();
            for (StudyRow run : distinctBy(symmetric.stream().filter(r -> r.init().equals(init)).toList(),
                    CellSummary::cellKey)) {
                Charts.Series s = Charts.Series.of(run.activation() + " " + run.dtype() + (severalWidths
                        ? ", hidden " + run.hidden() : ""), Palette.activation(run.activation()),
                        dtypes.indexOf(run.dtype()));
                overSeeds(curves.stream().filter(p -> p.kind().equals("step") && p.init().equals(init)
                        && p.hidden() == run.hidden() && p.activation().equals(run.activation())
                        && p.dtype().equals(run.dtype()) && Double.isFinite(p.spread()) && p.step() >= 0).toList(),
                        CurvePoint::step, p -> Math.max(p.spread(), Charts.LOG_FLOOR), s);
                series.add(s);
            }
            if (series.stream().anyMatch(s -> s.points().getItemCount() > 0)) {
                svgs.add(Charts.svg(Charts.bands("hidden-unit spread per step, init " + init, new Charts.Scale(
                        "step", false), new Charts.Scale("relative spread", true), series)));
            }
        }
        if (!svgs.isEmpty()) {
            grid(svgs, "Spread max_j ‖u_j − u_0‖ / max_j ‖u_j‖ of the hidden units' incoming weights, for the "
                    + "initialisations whose units started identical: float32 solid, float64 dashed, one colour "
                    + "per activation; the median over seeds, the band from the lowest to the highest seed. A log axis cannot show 0: spreads of 0 (units still identical) and below "
                    + "1e-17 are drawn at 1e-17.");
        }
    }

    /**
     * Per scenario, a table of verdicts: rows the initialisations, columns the layer configurations, each cell
     * coloured by the verdict most of its seeds reached, one line per dtype with k/n and the test accuracy over
     * seeds.
     */
    private void heatMap(List<CellSummary> cells, String backend) {
        html.append("<h3>Verdicts (backend ").append(escape(backend)).append(")</h3>\n<p>");
        for (Verdict verdict : List.of(Verdict.LEARNS, Verdict.STALLED_AT_MAJORITY, Verdict.SYMMETRIC,
                Verdict.SYMMETRY_BROKEN_BY_ROUNDOFF, Verdict.DIVERGED)) {
            html.append("<span class=\"chip\" style=\"background:").append(Palette.css(Palette.STUDY.get(verdict)))
                    .append("\">").append(StudyMarkdown.code(verdict)).append("</span>").append(switch (verdict) {
                        case LEARNS -> "learns";
                        case STALLED_AT_MAJORITY -> "stalled at the majority share";
                        case SYMMETRIC -> "hidden units still identical";
                        case SYMMETRY_BROKEN_BY_ROUNDOFF -> "identical at the start, broken apart by round-off";
                        case DIVERGED -> "diverged";
                    }).append(" &nbsp; ");
        }
        html.append("— then k/n: k of the n seeds reached the colour's verdict (").append(StudyMarkdown.SPLIT)
                .append(": split, the seeds did not all agree), then test accuracy, mean ± sd over seeds.</p>\n");
        List<String> dtypes = distinct(cells.stream().map(CellSummary::dtype).sorted().toList());
        List<String> columns = distinct(cells.stream().map(StudyMarkdown::column).toList());
        List<String> inits = distinct(cells.stream().map(CellSummary::init).toList());
        for (String scenario : distinct(cells.stream().map(CellSummary::scenario).toList())) {
            html.append("<h4>").append(escape(scenario)).append("</h4>\n<table>\n<tr><th>init</th>");
            columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
            html.append("</tr>\n");
            for (String init : inits) {
                html.append("<tr><th>").append(escape(init)).append("</th>");
                for (String column : columns) {
                    html.append("<td class=\"v\">");
                    for (String dtype : dtypes) {
                        cells.stream().filter(c -> c.scenario().equals(scenario) && c.init().equals(init)
                                && c.dtype().equals(dtype) && StudyMarkdown.column(c).equals(column)).findFirst()
                                .ifPresent(c -> html.append("<div style=\"background:")
                                        .append(Palette.css(Palette.STUDY.get(c.verdict()))).append("\">")
                                        .append(escape((dtypes.size() > 1 ? dtype + " " : "")
                                                + StudyMarkdown.verdictCount(c) + " "
                                                + StudyMarkdown.meanSd(c.testMean(), c.testSd()))).append("</div>"));
                    }
                    html.append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    /**
     * The little Markdown {@link StudyMarkdown} writes — "## " headings, "- " items, paragraphs, tables,
     * {@code **bold**} and {@code `code`} — as HTML, escaping everything first.
     */
    static String markdownToHtml(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inList = false;
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            boolean item = line.startsWith("- ");
            boolean row = line.startsWith("|");
            if (inList && !item) {
                out.append("</ul>\n");
                inList = false;
            }
            if (inTable && !row) {
                out.append("</table>\n");
                inTable = false;
            }
            if (line.isBlank() || line.startsWith("|---")) {
                continue;
            }
            if (row) {
                // The first row of a table is its header; a cell is what lies between two bars.
                String tag = inTable ? "td" : "th";
                out.append(inTable ? "<tr>" : "<table>\n<tr>");
                for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                    out.append('<').append(tag).append('>').append(inline(cell.strip())).append("</").append(tag)
                            .append('>');
                }
                out.append("</tr>\n");
                inTable = true;
            } else if (line.startsWith("## ")) {
                out.append("<h3>").append(inline(line.substring(3))).append("</h3>\n");
            } else if (item) {
                if (!inList) {
                    out.append("<ul>\n");
                    inList = true;
                }
                out.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else {
                out.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inList) {
            out.append("</ul>\n");
        }
        if (inTable) {
            out.append("</table>\n");
        }
        return out.toString();
    }

    private static String inline(String text) {
        return escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>")
                .replaceAll("`(.+?)`", "<code>$1</code>");
    }

    /** Figures two to a row, then one caption for them all. */
    private void grid(List<String> svgs, String caption) {
        html.append("<div class=\"grid\">\n");
        svgs.forEach(svg -> html.append("<figure>").append(svg).append("</figure>\n"));
        html.append("</div>\n<p class=\"caption\">").append(escape(caption)).append("</p>\n");
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }

    /** The first row of each distinct {@code key}, in order. */
    private static List<StudyRow> distinctBy(List<StudyRow> rows, Function<StudyRow, String> key) {
        Map<String, StudyRow> first = new LinkedHashMap<>();
        rows.forEach(r -> first.putIfAbsent(key.apply(r), r));
        return List.copyOf(first.values());
    }
}
