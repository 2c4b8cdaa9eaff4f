package dev.layerbench.report;

import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;
import org.jfree.data.xy.XYSeries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * {@code layerbench report}: bench and study results as one self-contained HTML page — inline style, charts as
 * inline SVG, no script, nothing loaded from the network — so it can be mailed, archived or opened offline.
 * Every piece of text taken from a result file goes through {@link #escape}.
 */
public final class HtmlReport {
    static final List<String> OPS = List.of("forward", "backward", "train_step");
    static final int IN = 784;
    static final List<Integer> OUTS = List.of(10, 1024);
    static final List<String> SYMMETRIC_INITS = List.of("zero", "constant:0.01");
    static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu");

    private static final String STYLE = """
            body{font-family:sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1em;display:block;overflow-x:auto}
            th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f0f0f0}
            figure{margin:1em 0}figcaption{font-size:13px;color:#555}
            code{background:#f4f4f4;padding:0 2px}
            """;

    private final StringBuilder html = new StringBuilder();

    private HtmlReport() {
    }

    /** The whole page for {@code inputs}, in the order given, after {@code notes} (Markdown; may be empty). */
    public static String render(List<ReportInput> inputs, String notes) {
        HtmlReport page = new HtmlReport();
        page.html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>layerbench report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<h1>layerbench report</h1>\n<ul>\n");
        for (ReportInput input : inputs) {
            page.html.append("<li>").append(escape(kind(input))).append(": <code>")
                    .append(escape(input.dir().toString())).append("</code></li>\n");
        }
        page.html.append("</ul>\n");
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

    private void environments(List<String> labels, List<Environment> environments) {
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
        environmentRow("ND4J backend / build", environments, e -> e.nd4jBackend() + " / " + e.nd4jNativeBuild());
        environmentRow("BLAS", environments, e -> e.blasVendor() + String.format(Locale.US,
                " (%d BLAS threads, %d OpenMP threads)", e.blasThreads(), e.ompThreads()));
        environmentRow("GPUs", environments, e -> e.gpus() == null || e.gpus().isEmpty() ? "none"
                : e.gpus().stream().map(HtmlReport::gpu).collect(Collectors.joining("; ")));
        environmentRow("git commit", environments, Environment::gitCommit);
        environmentRow("layerbench", environments, Environment::layerbenchVersion);
        html.append("</table>\n");
    }

    private static String gpu(GpuInfo g) {
        return String.format(Locale.US, "%s (cc %s, %d MiB, driver %s, CUDA %s)", g.name(), g.computeCapability(),
                g.memoryMiB(), g.driverVersion(), g.cudaVersion());
    }

    private void environmentRow(String name, List<Environment> environments,
                                java.util.function.Function<Environment, String> value) {
        html.append("<tr><th>").append(escape(name)).append("</th>");
        for (Environment e : environments) {
            html.append("<td>").append(e == null ? "" : escape(value.apply(e))).append("</td>");
        }
        html.append("</tr>\n");
    }

    // ---- bench ----

    private void bench(TimingResult result) {
        if (result.partial()) {
            html.append("<p><strong>Partial:</strong> ").append(inline(CompareTables.PARTIAL)).append(".</p>\n");
        }
        List<ChildReport> children = result.backends() == null ? List.of() : result.backends();
        environments(children.stream().map(c -> c.loaded() == null || c.loaded().backend() == null
                ? c.requestedBackend() : c.loaded().backend().toString()).toList(), children.stream().map(ChildReport::environment).toList());
        if (result.skipped() != null && !result.skipped().isEmpty()) {
            html.append("<p>Skipped:</p>\n<ul>\n");
            result.skipped().forEach(s -> html.append("<li>").append(escape(s)).append("</li>\n"));
            html.append("</ul>\n");
        }
        List<TimingRow> rows = result.rows();
        html.append("<h3>Timing</h3>\n");
        for (int out : OUTS) {
            Predicate<TimingRow> shape = r -> r.in() == IN && r.out() == out && r.hidden() == 0
                    && r.dtype().equals("float32");
            for (String op : OPS) {
                Map<String, XYSeries> series = seriesBy(rows, shape.and(r -> r.op().equals(op)),
                        r -> r.impl() + " on " + r.backend() + threads(r), TimingRow::usPerOp);
                chart(Charts.lines(String.format(Locale.US, "%s: µs/op against batch (in %d, out %d, float32)", op,
                        IN, out), "batch", true, "µs/op (median)", true, series, true), String.format(Locale.US,
                        "%s, one line per implementation, backend and thread count; both axes logarithmic.", op));
            }
            Predicate<TimingRow> own = shape.and(r -> r.impl().equals("own"));
            chart(Charts.lines(String.format(Locale.US, "own: %% of GEMM ceiling (in %d, out %d, float32)", IN, out),
                    "batch", true, "% of the GEMM ceiling", false,
                    seriesBy(rows, own, r -> r.op() + " on " + r.backend() + threads(r), TimingRow::pctOfCeiling),
                    true), "The op's GEMM ceiling — the same backend's GEMM times for the products the op performs, "
                    + "summed, at the same thread count — as a share of the op's time; rows without all their "
                    + "ceiling rows are left out.");
            chart(Charts.lines(String.format(Locale.US, "own: ratio to PyTorch (in %d, out %d, float32)", IN, out),
                    "batch", true, "median ÷ PyTorch median (below 1: faster)", true,
                    seriesBy(rows, own, r -> r.op() + " on " + r.backend() + threads(r), TimingRow::ratioToPytorch),
                    true), "The own implementation's median time over PyTorch's for the same op, shape and thread "
                    + "count on the same kind of device (the table gives its 95% interval and verdict); rows "
                    + "without a PyTorch peer are left out.");
        }
        timingTable(rows);
    }

    private static Map<String, XYSeries> seriesBy(List<TimingRow> rows, Predicate<TimingRow> filter,
                                                  java.util.function.Function<TimingRow, String> name,
                                                  ToDoubleFunction<TimingRow> y) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        rows.stream().filter(filter).sorted(Comparator.comparing(name).thenComparingInt(TimingRow::batch))
                .forEach(r -> {
                    double value = y.applyAsDouble(r);
                    if (Double.isFinite(value) && value > 0) {
                        series.computeIfAbsent(name.apply(r), Charts::series).add(r.batch(), value);
                    }
                });
        return series;
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
                    .append("<th>% of ceiling</th><th>× pytorch [95%]</th><th>vs pytorch</th></tr>\n");
            group.getValue().stream().sorted(Comparator.comparing(TimingRow::op)
                    .thenComparingDouble(TimingRow::usPerOp)).forEach(r -> html.append("<tr><td>")
                    .append(escape(r.op())).append("</td><td>").append(escape(r.backend())).append("</td><td>")
                    .append(escape(r.impl())).append("</td>")
                    .append(number(Numbers.withInterval(r.usPerOp(), r.ciLowUs(), r.ciHighUs())))
                    .append(number(Numbers.significant(r.gflops(), 3)))
                    .append(number(Numbers.fixed(r.pctOfCeiling(), 0))).append(number(TimingTable.ratio(r)))
                    .append("<td>").append(escape(Numbers.verdict(r.vsPytorch(), r.pValue()))).append("</td>")
                    .append("</tr>\n"));
            html.append("</table>\n");
        }
        html.append("<p>").append(escape(TimingTable.FOOTER)).append("</p>\n");
    }

    private static String number(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    /** ", 2 threads": series of one implementation at several thread counts must not share a line. */
    private static String threads(TimingRow r) {
        return ", " + TimingTable.threads(r.threads());
    }

    // ---- study ----

    private void study(StudyResults.Study study) {
        StudyResult result = study.result();
        if (result.partial()) {
            html.append("<p><strong>Partial:</strong> the study did not finish; the runs it journaled are shown, "
                    + "<code>study --resume</code> trains the rest.</p>\n");
        }
        environments(List.of("study"), java.util.Collections.singletonList(result.environment()));
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
        html.append(markdownToHtml(StudyMarkdown.ninetyTwo(first)));
        verdicts(first, backend);
        List<String> scenarios = distinct(first.stream().map(StudyRow::scenario).toList());
        String scenario = scenarios.contains("fashion-mnist") ? "fashion-mnist"
                : scenarios.contains("balanced") ? "balanced" : scenarios.get(0);
        List<CurvePoint> curves = study.curves().stream().filter(p -> p.backend().equals(backend)
                && p.scenario().equals(scenario)).toList();
        Map<String, XYSeries> accuracy = new LinkedHashMap<>();
        curves.stream().filter(p -> p.kind().equals("epoch") && p.hidden() == 16 && p.activation().equals("tanh")
                && p.dtype().equals("float32") && Double.isFinite(p.testAccuracy()))
                .forEach(p -> accuracy.computeIfAbsent(p.init(), Charts::series).add(p.epoch(), p.testAccuracy()));
        html.append("<h3>Curves (scenario ").append(escape(scenario)).append(", backend ").append(escape(backend))
                .append(")</h3>\n");
        chart(Charts.lines("test accuracy per epoch, hidden 16 tanh, float32, " + scenario, "epoch", false,
                "test accuracy", false, accuracy, true), "One line per initialisation.");
        for (String init : SYMMETRIC_INITS) {
            Map<String, XYSeries> spread = new LinkedHashMap<>();
            for (String activation : ACTIVATIONS) {
                for (String dtype : List.of("float32", "float64")) {
                    String name = activation + " " + dtype;
                    curves.stream().filter(p -> p.kind().equals("step") && p.init().equals(init) && p.hidden() > 0
                            && p.activation().equals(activation) && p.dtype().equals(dtype)
                            && Double.isFinite(p.spread()) && p.step() >= 0).forEach(p -> spread.computeIfAbsent(
                                    name, Charts::series).add(p.step(), Math.max(p.spread(), Charts.LOG_FLOOR)));
                }
            }
            if (spread.values().stream().allMatch(s -> s.getItemCount() == 0)) {
                continue;
            }
            chart(Charts.lines("hidden-unit spread per step, init " + init + ", " + scenario, "step", false,
                    "relative spread (log)", true, spread, false), "Spread max_j ‖u_j − u_0‖ / max_j ‖u_j‖ of the "
                    + "hidden units' incoming weights, float32 against float64. A log axis cannot show 0: spreads "
                    + "of 0 (units still identical) and below 1e-17 are drawn at 1e-17.");
        }
    }

    private void verdicts(List<StudyRow> rows, String backend) {
        html.append("<h3>Verdicts (float32, backend ").append(escape(backend)).append(")</h3>\n<p><code>L</code> "
                + "learns, <code>STALL</code> stalled at the majority share, <code>SYM</code> hidden units still "
                + "identical, <code>RO</code> identical at the start and broken apart by round-off, "
                + "<code>DIV</code> diverged; then test accuracy.</p>\n");
        List<String> columns = distinct(rows.stream().map(StudyMarkdown::column).toList());
        List<String> inits = distinct(rows.stream().map(StudyRow::init).toList());
        for (String scenario : distinct(rows.stream().map(StudyRow::scenario).toList())) {
            html.append("<h4>").append(escape(scenario)).append("</h4>\n<table>\n<tr><th>init</th>");
            columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
            html.append("</tr>\n");
            for (String init : inits) {
                html.append("<tr><th>").append(escape(init)).append("</th>");
                for (String column : columns) {
                    String cell = rows.stream().filter(r -> r.scenario().equals(scenario) && r.init().equals(init)
                            && r.dtype().equals("float32") && StudyMarkdown.column(r).equals(column)).findFirst()
                            .map(r -> StudyMarkdown.code(r.verdict()) + " "
                                    + StudyMarkdown.percent(r.testAccuracy())).orElse("");
                    html.append("<td>").append(escape(cell)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    /**
     * The little Markdown {@link StudyMarkdown#ninetyTwo} writes — "## " headings, "- " items, paragraphs,
     * {@code **bold**} and {@code `code`} — as HTML, escaping everything first.
     */
    static String markdownToHtml(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inList = false;
        for (String line : markdown.split("\n")) {
            boolean item = line.startsWith("- ");
            if (inList && !item) {
                out.append("</ul>\n");
                inList = false;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("## ")) {
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
        return out.toString();
    }

    private static String inline(String text) {
        return escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>")
                .replaceAll("`(.+?)`", "<code>$1</code>");
    }

    private void chart(org.jfree.chart.JFreeChart chart, String caption) {
        html.append("<figure>\n").append(Charts.svg(chart)).append("\n<figcaption>").append(escape(caption))
                .append("</figcaption>\n</figure>\n");
    }

    private static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }
}
