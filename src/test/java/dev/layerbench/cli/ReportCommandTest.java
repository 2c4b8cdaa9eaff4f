package dev.layerbench.cli;

import dev.layerbench.report.Palette;
import dev.layerbench.report.TimingFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.layerbench.report.TimingFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
    /** Checked in before rows kept their raw samples (schema 1): refused, so the page is made from a fixture. */
    static final Path OLD_BENCH = TimingFixtures.SCHEMA_ONE_RESULT;
    static final Path STUDY = Path.of("results/intel-xeon-processor-2core-avx512/study-quick");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path shared;
    static Path bench;
    static Path report;
    static CliRun run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeTheReportOfABenchAndTheRealStudy() throws Exception {
        bench = TimingFixtures.folder(shared, "bench", row("cpu", "own", "forward", 100),
                row("cpu", "dl4j", "forward", 300), row("cpu", "gemm", "gemm:l1.xw", 60),
                row("pytorch-cpu", "pytorch", "forward", 80));
        report = shared.resolve("report.html");
        run = CliRun.of("report", bench.toString(), STUDY.toString(), "--out", report.toString());
    }

    @Test
    void aBenchAndTheRealStudyMakeOneSelfContainedPage() throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("wrote " + report), run.out());
        String html = Files.readString(report);
        assertTrue(count(html, "<svg") >= 4, "charts: " + count(html, "<svg"));
        assertTrue(html.contains("<td>node1</td>"), "the bench environment's host name");
        assertTrue(html.contains("<td>vm</td>"), "the study environment's host name");
        assertTrue(html.contains("<h3>What is the 92%?</h3>"));
        assertTrue(html.contains("<th>constant:0.01</th>"), "an init with ':' in the verdict matrix");
        assertTrue(html.contains("drawn at 1e-17"), "the caption says zero spreads are clamped");
        assertFalse(html.contains("<script"), "no scripts");
        List<String> urls = new ArrayList<>();
        Matcher m = Pattern.compile("https?://[^\"'\\s<>)]*").matcher(html);
        while (m.find()) {
            urls.add(m.group());
        }
        urls.removeIf(u -> u.equals("http://www.w3.org/2000/svg") || u.equals("http://www.w3.org/1999/xlink"));
        assertEquals(List.of(), urls, "nothing the page could fetch");
    }

    @Test
    void twoBenchFoldersGetAHardwareComparisonAgainstTheBaselineAsked() throws Exception {
        Path other = TimingFixtures.folder(tmp, "other", TimingFixtures.environment("Xeon", List.of(), "abc"),
                row("cpu", "own", "forward", 50), row("cpu", "dl4j", "forward", 300));
        Path html = tmp.resolve("r.html");
        CliRun r = CliRun.of("report", bench.toString(), other.toString(), "--baseline", other.toString(), "--out",
                html.toString());
        assertEquals(0, r.exitCode(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Hardware comparison</h2>\n<p>Baseline: <code>other</code>"), page);

        CliRun bad = CliRun.of("report", bench.toString(), other.toString(), "--baseline", STUDY.toString(),
                "--out", tmp.resolve("bad.html").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--baseline " + STUDY + " is not one of the bench folders"), bad.err());
        assertFalse(Files.exists(tmp.resolve("bad.html")));
    }

    @Test
    void aFolderWithNeitherResultExitsTwoNamingIt() {
        Path empty = tmp.resolve("empty");
        empty.toFile().mkdirs();
        CliRun r = CliRun.of("report", empty.toString(), "--out", tmp.resolve("r.html").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(empty.toString()) && r.err().contains("neither"), r.err());
        assertFalse(Files.exists(tmp.resolve("r.html")));
    }

    @Test
    void aStudyOfSchemaVersionTwoExitsTwoNamingTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("v2"));
        Path json = dir.resolve("study.json");
        Files.writeString(json, Files.readString(STUDY.resolve("study.json"))
                .replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        Files.copy(STUDY.resolve("curves.csv"), dir.resolve("curves.csv"));
        CliRun r = CliRun.of("report", dir.toString(), "--out", tmp.resolve("r.html").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(json.toString()) && r.err().contains("schemaVersion 2"), r.err());
    }

    @Test
    void aBenchOfSchemaOneExitsTwoSayingToMeasureAgain() {
        CliRun r = CliRun.of("report", OLD_BENCH.toString(), "--out", tmp.resolve("r.html").toString());
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(OLD_BENCH.resolve("timing.json") + " was made by an older layerbench (schema 1"),
                r.err());
        assertFalse(Files.exists(tmp.resolve("r.html")));
    }

    @Test
    void outIsRequired() {
        CliRun r = CliRun.of("report", bench.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--out"), r.err());
    }

    /**
     * Opens the page in headless Chromium, offline: the DOM it builds must hold the charts, and the page must log
     * no console errors. A second run takes a screenshot, which must be more than a blank page.
     */
    @Test
    void chromiumRendersThePageWithoutConsoleErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
        assertEquals(0, run.exitCode(), run.err());
        String url = report.toUri().toString();
        Result dom = chromium("--dump-dom", url);
        assertEquals(0, dom.exitCode, dom.stderr);
        assertTrue(count(dom.stdout, "<svg") >= 4, "svg elements in the rendered DOM: " + count(dom.stdout, "<svg"));
        // No empty chart: axes, ticks and grid lines are black and greys, so a chart showing none of the
        // palette's data colours has drawn no point, line or whisker.
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(dom.stdout);
        while (svg.find()) {
            String chart = svg.group();
            assertTrue(Palette.dataColours().stream().anyMatch(chart::contains), "a chart with no data: "
                    + chart.substring(0, Math.min(300, chart.length())));
        }
        // The page has no script, so it should log nothing at all: any console line (an uncaught error, a
        // resource that failed to load) is a failure, not only those that say "error".
        assertEquals(List.of(), consoleLines(dom.stderr), dom.stderr);

        Path png = tmp.resolve("report.png");
        Result shot = chromium("--screenshot=" + png, "--window-size=1280,2400", url);
        assertEquals(0, shot.exitCode, shot.stderr);
        assertTrue(Files.isRegularFile(png), "no screenshot; stderr: " + shot.stderr);
        assertTrue(Files.size(png) > 10_000, "screenshot of " + Files.size(png) + " bytes");
    }

    /**
     * The control for the test above: this Chromium, with these flags, does print a page's console messages and
     * uncaught exceptions to stderr (as {@code INFO:CONSOLE(n)] "message", source: url (line)}), so an empty list
     * there means the page logged nothing, not that the log was never captured.
     */
    @Test
    void chromiumReportsAPagesUncaughtErrorOnStderr() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body>"
                + "</html>");
        Result dom = chromium("--dump-dom", bad.toUri().toString());
        assertEquals(0, dom.exitCode, dom.stderr);
        assertTrue(consoleLines(dom.stderr).stream().anyMatch(l -> l.contains("Uncaught ReferenceError")),
                dom.stderr);
    }

    private static List<String> consoleLines(String stderr) {
        return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result chromium(String... args) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=2000"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = tmp.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
