package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.TimingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportHtmlTest {
    static final Path STUDY = Path.of("results/amd-epyc-2core-avx512/study-quick");

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
        assertEquals(1200, study.result().rows().size());
        assertEquals(79500, study.curves().size());
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
                + "1\\.250* \\[1\\.2[0-9]+, 1\\.2[0-9]+\\]</td><td>slower \\(p &lt; 0\\.001\\)</td></tr>.*"),
                table(html));
        assertTrue(html.contains("two-level bootstrap interval of the median"), "the footer says what 95% is");
        assertFalse(html.contains("99.9%"), "JMH's error is gone");
        assertTrue(html.contains("own on cpu, 2 threads"), "a chart series names its thread count");
    }

    /** The timing tables of a page, without the charts before them, for a readable failure. */
    private static String table(String html) {
        return html.substring(html.indexOf("<h3>Timing table</h3>"));
    }

    @Test
    void eachChartIsAnSvgWithItsOwnIds() {
        var series = Charts.series("s");
        series.add(1, 1e-17);
        series.add(2, 1e-3);
        String a = Charts.svg(Charts.lines("t", "x", false, "y", true, java.util.Map.of("s", series), false));
        String b = Charts.svg(Charts.lines("t", "x", false, "y", true, java.util.Map.of("s", series), false));
        assertTrue(a.startsWith("<svg"), a.substring(0, 40));
        assertFalse(a.equals(b), "two charts drawn alike must still differ in their ids");
    }

    private Path copyOfStudy(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(STUDY.resolve("study.json"), dir.resolve("study.json"));
        Files.copy(STUDY.resolve("curves.csv"), dir.resolve("curves.csv"));
        return dir;
    }
}
