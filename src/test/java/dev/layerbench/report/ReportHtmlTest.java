package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.results.AgreementRow;
import dev.layerbench.results.Json;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;
import dev.layerbench.results.Verdict;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportHtmlTest {
    static final Path STUDY = Path.of("results/intel-xeon-processor-2core-avx512/study-quick");

    @TempDir
    Path tmp;

    @Test
    void escapeReplacesEveryCharacterThatMeansSomethingInHtml() {
        assertEquals("&lt;a&amp;&quot;b&gt;", HtmlReport.escape("<a&\"b>"));
        assertEquals("it&#39;s constant:0.01", HtmlReport.escape("it's constant:0.01"));
        assertEquals("", HtmlReport.escape(null));
    }

    @Test
    void markdownOfTheNinetyTwoParagraphBecomesEscapedHtml() {
        String html = HtmlReport.markdownToHtml("## What is the 92%?\n\nA <b> & B.\n\n- **No hidden** `STALL`\n"
                + "- two\n\nend\n");
        assertEquals("<h3>What is the 92%?</h3>\n<p>A &lt;b&gt; &amp; B.</p>\n<ul>\n<li><strong>No hidden</strong> "
                + "<code>STALL</code></li>\n<li>two</li>\n</ul>\n<p>end</p>\n", html);
    }

    @Test
    void theRealStudyFolderReadsWithItsCurves() {
        StudyResults.Study study = StudyResults.read(STUDY);
        assertEquals(StudyResult.SCHEMA_VERSION, study.result().schemaVersion());
        // the quick study on the cpu build: 240 cells × 3 seeds, and their curves
        assertEquals(720, study.result().rows().size());
        assertEquals(3, study.result().rows().stream().mapToLong(StudyRow::seed).distinct().count());
        assertEquals(47700, study.curves().size());
        assertTrue(study.curves().stream().anyMatch(p -> p.kind().equals("step") && p.spread() == 0.0));
        assertTrue(study.curves().stream().filter(p -> p.kind().equals("epoch")).allMatch(p -> p.step() == -1));
    }

    @Test
    void aStudyJsonOfAnotherSchemaVersionIsRefusedNamingTheFile() throws Exception {
        Path dir = copyOfStudy("v2");
        Path json = dir.resolve("study.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        BadInputException e = assertThrows(BadInputException.class, () -> StudyResults.read(dir));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("schemaVersion 2"),
                e.getMessage());
    }

    @Test
    void aStudyJsonOfAnotherKindIsRefused() throws Exception {
        Path dir = copyOfStudy("kind");
        Path json = dir.resolve("study.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"kind\" : \"study\"", "\"kind\" : \"bench\""));
        BadInputException e = assertThrows(BadInputException.class, () -> StudyResults.read(dir));
        assertTrue(e.getMessage().contains("not \"study\""), e.getMessage());
    }

    @Test
    void aCurvesCsvWithABadNumberIsRefusedNamingFileLineAndColumn() throws Exception {
        Path dir = copyOfStudy("csv");
        Path csv = dir.resolve("curves.csv");
        List<String> lines = Files.readAllLines(csv).subList(0, 3);
        Files.write(csv, List.of(lines.get(0), lines.get(1), lines.get(2).replace(",0.5,", ",half,")));
        BadInputException e = assertThrows(BadInputException.class, () -> StudyResults.read(dir));
        assertTrue(e.getMessage().contains(csv + " line 3, column majority_baseline"), e.getMessage());
    }

    @Test
    void thePageOpensWithTheSuitesSentencesAndTheRunsWarnings() {
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));
        TimingResult warned = new TimingResult(result.schemaVersion(), result.kind(), result.createdAt(),
                result.config(), result.skipped(), result.backends(), result.rows(), result.partial(),
                List.of("3 of 6 samples set aside as disturbed"), result.noise(), result.agreement());

        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, warned),
                new ReportInput.Study(STUDY, StudyResults.read(STUDY))), "");

        int summary = html.indexOf("<h2>In short</h2>");
        assertTrue(summary > 0 && summary < html.indexOf("<h2>bench: "), "the sentences come first");
        for (String line : Headlines.of(warned.rows(), StudyResults.read(STUDY).result().rows())) {
            assertTrue(html.contains("<li>" + HtmlReport.escape(line) + "</li>"), line);
        }
        assertTrue(html.contains("<li>3 of 6 samples set aside as disturbed</li>"), "the run's warnings are shown");
    }

    @Test
    void jmhsWarningsAboutTheHarnesssOwnForkingAreStoredButNotShown() {
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100));
        List<String> warnings = List.of(
                "JMH: WARNING: JMH lock is ignored by user request, make sure no other JMH instances are running",
                "JMH: WARNING: Non-forked runs may silently omit JVM options, mess up profilers, disable compiler"
                        + " hints, etc.",
                "JMH: WARNING: Use non-forked runs only for debugging purposes, not for actual performance runs.",
                "JMH: WARNING: Timestamp counter is not stable",
                "load average 1.80 before the run: the machine was not idle");
        TimingResult warned = new TimingResult(result.schemaVersion(), result.kind(), result.createdAt(),
                result.config(), result.skipped(), result.backends(), result.rows(), result.partial(),
                warnings, result.noise(), result.agreement());

        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, warned)), "");
        String md = TimingTable.markdown(warned);

        assertEquals(warnings.subList(3, 5), warned.warningsForReaders());
        for (String page : List.of(html, md)) {
            assertFalse(page.contains("Non-forked runs") || page.contains("JMH lock is ignored")
                    || page.contains("non-forked runs only"), page);
            assertTrue(page.contains("Timestamp counter is not stable") && page.contains("load average 1.80"), page);
        }
        assertEquals(warnings, warned.warnings(), "the stored result keeps every warning");
    }

    @Test
    void nd4jsEnvironmentRowsAreFilledOnlyInColumnsNd4jRan() {
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));

        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), "");

        assertTrue(html.contains("<tr><th>products</th><td>openblas-direct (SkylakeX core)</td>"
                + "<td>— (libtorch&#39;s own)</td></tr>"), html);
        assertTrue(html.contains("<tr><th>BLAS</th><td>OPENBLAS (1 BLAS threads, 1 OpenMP threads)</td>"
                + "<td>— (libtorch&#39;s own)</td></tr>"), html);
        // the machine's rows are the machine's in every column, the variables each JVM ran under too
        assertTrue(html.contains("<tr><th>CPU</th><td>EPYC</td><td>EPYC</td></tr>"), html);
        assertTrue(html.contains("<tr><th>native environment</th><td>(none set)</td><td>(none set)</td></tr>"), html);
    }

    @Test
    void theTimingTableShowsIntervalsCeilingsAndVerdicts() {
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100), TimingFixtures.row("cpu", "gemm", "gemm:l1.xw", 60),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));

        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), "");

        assertTrue(html.contains("<h4>batch 32, in 784, out 10, no hidden layer, float32, 2 threads</h4>"),
                table(html));
        assertTrue(html.contains("<th>µs/op [95%]</th><th>GFLOP/s</th><th>% of ceiling</th><th>× pytorch [95%]</th>"
                + "<th>vs pytorch</th>"), table(html));
        assertTrue(html.matches("(?s).*<tr><td>forward</td><td>cpu</td><td>own</td><td class=\"n\">100\\.0+ "
                + "\\[[0-9.]+, [0-9.]+\\]</td><td class=\"n\">5\\.02</td><td class=\"n\">60</td><td class=\"n\">"
                + "1\\.250* \\[1\\.2[0-9]+, 1\\.2[0-9]+\\]</td><td>slower \\(p &lt; 0\\.001\\)</td><td></td></tr>.*"),
                table(html));
        assertTrue(html.contains("two-level bootstrap interval of the median"), "the footer says what 95% is");
        assertFalse(html.contains("99.9%"), "JMH's error is gone");
        assertTrue(html.contains("own, 2 threads"), "a chart series names its thread count");
    }

    @Test
    void theAgreementTableFollowsTheTimingsAndAFileWithoutItStillReads() throws Exception {
        TimingResult timed = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100));
        TimingResult result = new TimingResult(timed.schemaVersion(), timed.kind(), timed.createdAt(), timed.config(),
                timed.skipped(), timed.backends(), timed.rows(), false, List.of(), List.of(), List.of(
                new AgreementRow("cpu", "own", "float32", 32, 784, 10, 0, 1, "logits", 1e-7, 2.5e-7,
                        "ND4J <CpuBackend>", "abc")));
        Path written = TimingFixtures.folderWithText(tmp, "with", Json.write(result));
        assertEquals(result.agreement(), TimingResults.read(written).agreement(), "timing.json round trip");

        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, TimingResults.read(written))), "");
        String agreement = html.substring(html.indexOf("<h3>Agreement with a float64 reference</h3>"));
        assertTrue(agreement.contains("<tr><td>cpu</td><td>own</td><td>float32</td><td>32×784→10</td>"
                + "<td class=\"n\">2.5e-07</td>"), agreement);
        assertTrue(agreement.contains("<li>cpu float32: ND4J &lt;CpuBackend&gt;</li>"), agreement);

        Path old = TimingFixtures.folderWithText(tmp, "without", TimingFixtures.validJson()
                .replaceAll("(?s),\\s*\"agreement\"\\s*:\\s*\\[\\s*\\]", ""));
        assertFalse(Files.readString(old.resolve(TimingResults.FILE_NAME)).contains("agreement"));
        assertEquals(List.of(), TimingResults.read(old).agreement(), "a file from before agreement rows reads");
        assertFalse(HtmlReport.render(List.of(new ReportInput.Bench(old, TimingResults.read(old))), "")
                .contains("Agreement with"), "no empty section");
    }

    /** The timing tables of a page, without the charts before them, for a readable failure. */
    private static String table(String html) {
        return html.substring(html.indexOf("<h3>Timing table</h3>"));
    }

    @Test
    void eachChartIsAnSvgWithItsOwnIds() {
        Charts.Series series = Charts.Series.of("s", Color.RED, 0);
        series.add(1, 1e-17);
        series.add(2, 1e-3);
        String a = Charts.svg(chartOf(series));
        String b = Charts.svg(chartOf(series));
        assertTrue(a.startsWith("<svg"), a.substring(0, 40));
        assertFalse(a.equals(b), "two charts drawn alike must still differ in their ids");
    }

    private static JFreeChart chartOf(Charts.Series series) {
        return Charts.xy("t", new Charts.Scale("x", false), new Charts.Scale("y", true), List.of(series), false, true,
                false);
    }

    @Test
    void anImplementationHasOneColourInEveryChartWhateverTheOtherSeries() {
        // own is the second series of forward on cpu (after dl4j) and the first of backward: coloured by series
        // index, as JFreeChart does unless told, it would change colour between the two.
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100), TimingFixtures.row("cpu", "dl4j", "forward", 300),
                TimingFixtures.row("cpu", "own", "backward", 90),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));
        List<String> svgs = svgs(HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), ""));
        String own = Palette.css(Palette.IMPLEMENTATIONS.get("own"));
        String dl4j = Palette.css(Palette.IMPLEMENTATIONS.get("dl4j"));
        // Series named as the time panels ("own, 2 threads") and the rooflines ("own on cpu") name them; the ratio
        // charts colour by verdict instead.
        List<String> withOwn = svgs.stream().filter(svg -> svg.contains(">own, 2 threads<")
                || svg.contains(">own on cpu<")).toList();
        assertTrue(withOwn.size() >= 4, "time and roofline charts of forward and backward: " + withOwn.size());
        withOwn.forEach(svg -> assertTrue(svg.contains(own), "own is " + own + " in " + title(svg)));
        svgs.stream().filter(svg -> !svg.contains(">dl4j")).forEach(svg -> assertFalse(svg.contains(dl4j),
                "dl4j's colour in a chart without dl4j: " + title(svg)));
    }

    @Test
    void onlyTheShapesMeasuredAreDrawn() {
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));
        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), "");
        assertFalse(html.contains("1024"), "out 1024 was never measured");
        assertFalse(html.contains("backward") || html.contains("train_step"), "nor were backward and train_step");
        assertEquals(List.of("forward, in 784, out 10, no hidden layer, float32"), headings(html, "h4").stream()
                .filter(h -> h.startsWith("forward")).toList());
        // forward on cpu and on pytorch-cpu; one ratio chart; one roofline
        assertEquals(4, svgs(html).size());
    }

    @Test
    void theRatioChartHasALineAtOneAndDotsColouredByVerdict() {
        JFreeChart chart = Charts.forest("r", "ratio", List.of(
                new Charts.Estimate("a", 0.5, 0.4, 0.6, "faster", Palette.speed("faster")),
                new Charts.Estimate("b", 2, 1.8, 2.2, "slower", Palette.speed("slower"))));
        assertTrue(chart.getXYPlot().getRangeMarkers(Layer.FOREGROUND).stream()
                .anyMatch(m -> m instanceof ValueMarker v && v.getValue() == 1.0), "a marker at 1");
        String svg = Charts.svg(chart, Charts.forestHeight(2));
        assertTrue(svg.contains(Palette.css(Palette.SPEED.get("faster"))) && svg.contains(Palette.css(
                Palette.SPEED.get("slower"))), "verdict colours");
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 80));
        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), "");
        assertTrue(svgs(html).stream().anyMatch(s -> s.contains("time ÷ PyTorch") && s.contains(Palette.css(
                Palette.SPEED.get("slower")))), "own forward is slower than PyTorch, drawn red");
    }

    @Test
    void pointsCarryTheirIntervalsAsErrorBars() {
        Charts.Series series = Charts.Series.of("own", Palette.implementation("own"), 0);
        series.add(32, 100, 90, 120);
        JFreeChart chart = Charts.xy("t", new Charts.Scale("batch", true), new Charts.Scale("µs/op", true),
                List.of(series), true, true, true);
        XYErrorRenderer renderer = (XYErrorRenderer) chart.getXYPlot().getRenderer();
        assertTrue(renderer.getDrawYError());
        IntervalXYDataset data = (IntervalXYDataset) chart.getXYPlot().getDataset();
        assertEquals(90, data.getStartYValue(0, 0));
        assertEquals(120, data.getEndYValue(0, 0));
        TimingRow row = TimingFixtures.row("cpu", "own", "forward", TimingFixtures.evenSamples(100, 0.2));
        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, TimingFixtures.result(
                TimingFixtures.environment("EPYC", List.of(), "abc"), row))), "");
        assertTrue(html.contains("whiskers: the 95% interval of the median"), "the caption says what they are");
    }

    @Test
    void tickLabelsArePlainNumbersNeverENotation() {
        assertEquals(List.of(20.0, 50.0, 100.0, 200.0, 500.0), Charts.logTicks(12, 900));
        assertEquals(List.of(0.1, 0.2, 0.5, 1.0, 2.0), Charts.logTicks(0.08, 3));
        assertEquals(List.of(1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1.0), Charts.logTicks(1e-17, 1));
        assertEquals("2,000", Charts.plain(2000));
        assertEquals("0.02", Charts.plain(0.02));
        assertEquals("10⁻⁶", Charts.plain(1e-6));
        assertEquals("5·10⁻¹⁸", Charts.plain(5e-18));
        TimingResult result = TimingFixtures.result(TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 794), TimingFixtures.row("cpu", "dl4j", "forward", 7940),
                TimingFixtures.row("pytorch-cpu", "pytorch", "forward", 0.00794));
        String html = HtmlReport.render(List.of(new ReportInput.Bench(tmp, result)), "");
        Matcher e = Pattern.compile("<text[^>]*>([^<]*[0-9][eE][-+]?[0-9][^<]*)</text>").matcher(html);
        assertFalse(e.find(), () -> "a tick label in E notation: " + e.group(1));
    }

    @Test
    void theVerdictHeatMapColoursEachCellByItsVerdictWithOneLinePerDtype() {
        String html = HtmlReport.render(List.of(new ReportInput.Study(STUDY, StudyResults.read(STUDY))), "");
        for (Verdict verdict : List.of(Verdict.LEARNS, Verdict.STALLED_AT_MAJORITY, Verdict.SYMMETRIC)) {
            assertTrue(Pattern.compile(Pattern.quote("<div style=\"background:" + Palette.css(Palette.STUDY.get(
                    verdict))) + "\">float(32|64) " + StudyMarkdown.code(verdict)
                    + " [0-9]+/[0-9]+" + StudyMarkdown.SPLIT + "? [0-9.]+( ± [0-9.]+)?%</div>")
                    .matcher(html).find(), verdict + " cell");
        }
        assertTrue(html.contains("<tr><th>init</th><th>no hidden layer</th><th>hidden 16 sigmoid</th>"),
                "columns: activation × hidden");
        assertEquals(6, count(html, "<tr><th>init</th>"), "one table per scenario");
    }

    @Test
    void twoMachinesGetAHardwareComparisonAgainstTheBaseline() throws Exception {
        Path a = TimingFixtures.folder(tmp, "host-a", TimingFixtures.environment("EPYC", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 100));
        Path b = TimingFixtures.folder(tmp, "host-b", TimingFixtures.environment("Xeon", List.of(), "abc"),
                TimingFixtures.row("cpu", "own", "forward", 200));
        List<ReportInput> inputs = List.of(ReportInput.read(a), ReportInput.read(b));

        String html = HtmlReport.render(inputs, "");
        String hardware = html.substring(html.indexOf("<h2>Hardware comparison</h2>"));
        assertTrue(hardware.contains("Baseline: <code>host-a</code>"), hardware);
        assertTrue(hardware.contains("<li>CPU model: EPYC (host-a:cpu); Xeon (host-b:cpu)</li>"), hardware);
        assertTrue(hardware.contains("<th>host-a:cpu</th><th>host-b:cpu</th>"), hardware);
        assertTrue(hardware.matches("(?s).*× 2\\.0[0-9]* \\[[0-9.]+, [0-9.]+\\] slower.*"), hardware);
        assertTrue(svgs(hardware).stream().anyMatch(s -> s.contains("time ÷ the baseline")
                && s.contains(Palette.css(Palette.SPEED.get("slower")))), "a ratio chart, red");

        String other = HtmlReport.render(inputs, "", b);
        assertTrue(other.contains("Baseline: <code>host-b</code>"));
        assertTrue(other.matches("(?s).*× 0\\.50[0-9]* \\[[0-9.]+, [0-9.]+\\] faster.*"));

        BadInputException e = assertThrows(BadInputException.class, () -> HtmlReport.render(inputs, "",
                tmp.resolve("host-c")));
        assertTrue(e.getMessage().contains("--baseline") && e.getMessage().contains("host-c"), e.getMessage());
        assertFalse(HtmlReport.render(List.of(inputs.get(0)), "").contains("Hardware comparison"),
                "one machine: nothing to compare");
    }

    private static List<String> svgs(String html) {
        List<String> svgs = new ArrayList<>();
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            svgs.add(m.group());
        }
        return svgs;
    }

    private static List<String> headings(String html, String tag) {
        List<String> headings = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">").matcher(html);
        while (m.find()) {
            headings.add(m.group(1));
        }
        return headings;
    }

    /** A chart's title, for a failure message. */
    private static String title(String svg) {
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        return m.find() ? m.group(1) : svg.substring(0, Math.min(80, svg.length()));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private Path copyOfStudy(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(STUDY.resolve("study.json"), dir.resolve("study.json"));
        Files.copy(STUDY.resolve("curves.csv"), dir.resolve("curves.csv"));
        return dir;
    }
}
