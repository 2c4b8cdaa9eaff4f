package dev.layerbench.cli;

import dev.layerbench.report.TimingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.layerbench.report.TimingFixtures.environment;
import static dev.layerbench.report.TimingFixtures.evenSamples;
import static dev.layerbench.report.TimingFixtures.folder;
import static dev.layerbench.report.TimingFixtures.folderWithText;
import static dev.layerbench.report.TimingFixtures.normalSamples;
import static dev.layerbench.report.TimingFixtures.row;
import static dev.layerbench.report.TimingFixtures.validJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    /** "[low, high]" as the tables print an interval; {@link #WITH_INTERVAL} with the value before it. */
    private static final String INTERVAL = "\\[[0-9.]+, [0-9.]+\\]";
    private static final String WITH_INTERVAL = "[0-9.]+ " + INTERVAL;

    @TempDir
    Path tmp;

    private Path base() throws Exception {
        return folder(tmp, "base", row("cpu", "own", "forward", 100), row("cpu", "dl4j", "forward", 200));
    }

    @Test
    void twoInputsOfOneDistributionAreTheSameAndPassTheGate() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", normalSamples(100, 0.02, 1)));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", normalSamples(100, 0.02, 2)));

        CliRun run = CliRun.of("compare", base.toString(), next.toString(), "--fail-above", "10");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().matches("(?s).*\\| forward \\| own \\| " + WITH_INTERVAL + " \\| " + WITH_INTERVAL
                + " \\| " + WITH_INTERVAL + " same \\(p = [0-9.]+\\) \\| \\|\n.*"), run.out());
        assertTrue(run.out().contains("— 0 regressed, 0 unjudged."), run.out());
    }

    @Test
    void aTightThirtyPercentSlowdownIsSlowerRegressedAndExitsOne() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130), row("cpu", "dl4j", "forward", 200));

        CliRun run = CliRun.of("compare", next.toString(), "--baseline", base().toString(), "--fail-above", "10");

        assertEquals(ExitCode.REGRESSION, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("regressed: own forward batch 32 in 784 out 10 hidden 0 float32 threads 2 on "
                + "next:cpu: baseline base:cpu 100.000 µs/op, now 130.000 µs/op (+30.0%), ratio 1.30"), run.err());
        assertTrue(run.err().contains(", slower, p < 0.001\n"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.out().matches("(?s).*\\| forward \\| own \\| 100\\.0+ " + INTERVAL + " \\| 130\\.0+ "
                + INTERVAL + " \\| \\*\\*1\\.30+ \\[1\\.2[0-9]+, 1\\.3[0-9]+\\] slower \\(p < 0\\.001\\)\\*\\* "
                + "\\| \\*\\*regressed\\*\\* \\|\n.*"), run.out());
        assertTrue(run.out().contains("— 1 regressed, 0 unjudged."), run.out());
    }

    @Test
    void aThirtyPercentSlowdownInWildNoiseIsNotARegression() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", evenSamples(100, 0.8)));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", evenSamples(130, 0.8)));

        CliRun run = CliRun.of("compare", "--baseline", base.toString(), next.toString(), "--fail-above", "10");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains(" same (p = "), run.out());
        assertFalse(run.out().contains("**regressed**"), run.out());
    }

    @Test
    void slowerByTheTestButUnderTheThresholdExitsZero() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130));

        CliRun run = CliRun.of("compare", "--baseline", base().toString(), next.toString(), "--fail-above", "50");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains(" slower (p < 0.001) |"), run.out());
    }

    @Test
    void rowsTooThinToTestAreListedAsUnjudgedNotRegressions() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", List.of(List.of(100.0))));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", List.of(List.of(130.0))));

        CliRun run = CliRun.of("compare", base.toString(), next.toString(), "--fail-above", "10");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("layerbench: 1 rows are more than 10.0% slower by their medians but have "
                + "fewer than 2 samples on a side"), run.err());
        assertTrue(run.err().contains("  own forward batch 32 in 784 out 10 hidden 0 float32 threads 2 on next:cpu: "
                + "baseline base:cpu 100.000 µs/op, now 130.000 µs/op (+30.0%), ratio 1.30, unjudged, p n/a"),
                run.err());
        assertTrue(run.out().contains("| forward | own | 100 | 130 | 1.30 unjudged | |\n"), run.out());
    }

    @Test
    void withoutOutTheMarkdownGoesToStdoutWithItsLegend() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 50));

        CliRun run = CliRun.of("compare", base().toString(), next.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String md = run.out();
        assertTrue(md.contains("**Environment:** identical in every column"), md);
        assertTrue(md.contains("µs/op: median of the samples (forks × iterations) not set aside as disturbed; 95%: "
                + "two-level bootstrap interval of the median (forks, then iterations)"), md);
        assertTrue(md.contains("faster/slower when Mann–Whitney U gives p < 0.01, the effect is at least 3% and the "
                + "interval excludes 1, else same (not distinguishable)"), md);
        assertTrue(md.contains("### batch 32, in 784, out 10, no hidden layer, float32, 2 threads"), md);
        assertTrue(md.contains("| op | impl | base:cpu µs/op [95%] | next:cpu µs/op [95%] | × baseline [95%], "
                + "verdict | |"), md);
        assertTrue(md.matches("(?s).*\\| forward \\| own \\| 100\\.0+ " + INTERVAL + " \\| 50\\.0+ " + INTERVAL
                + " \\| 0\\.50+ \\[0\\.4[0-9]+, 0\\.5[0-9]+\\] faster \\(p < 0\\.001\\) \\| \\|\n.*"), md);
        assertTrue(md.matches("(?s).*\\| forward \\| dl4j \\| 200\\.0+ " + INTERVAL + " \\|  \\|  \\| \\|\n.*"),
                md);
    }

    @Test
    void differingMachinesAreListedAboveTheTables() throws Exception {
        Path next = folder(tmp, "next", environment("Intel Xeon", List.of(), "def"),
                row("cpu", "own", "forward", 100));

        CliRun run = CliRun.of("compare", base().toString(), next.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String md = run.out();
        assertTrue(md.contains("**Environment differences**"), md);
        assertTrue(md.contains("- CPU model: EPYC (base:cpu); Intel Xeon (next:cpu)\n"), md);
        assertTrue(md.contains("- layerbench commit: abc (base:cpu); def (next:cpu)\n"), md);
        assertTrue(md.indexOf("- CPU model") < md.indexOf("### batch"), "before the numbers");
    }

    @Test
    void outWritesTheThreeFiles() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 50));
        Path out = tmp.resolve("out/compare");

        CliRun run = CliRun.of("compare", base().toString(), next.toString(), "--out", out.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("impl,op,batch,in,out,hidden,dtype,threads,column,us_per_op,ci_low_us,ci_high_us,"
                + "ratio_vs_baseline,ratio_low,ratio_high,p_value,verdict,regressed", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.matches("own,forward,32,784,10,0,float32,2,next:cpu,50\\.0,"
                + "[0-9.]+,[0-9.]+,0\\.5,0\\.[0-9]+,0\\.[0-9]+,[0-9.E-]+,faster,false")), String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.matches("own,forward,32,784,10,0,float32,2,base:cpu,100\\.0,"
                + "[0-9.]+,[0-9.]+,,,,,,false")), "the baseline is not compared: " + String.join("\n", csv));
        String json = Files.readString(out.resolve("compare.json"));
        assertTrue(json.contains("\"schemaVersion\" : 2") && json.contains("\"kind\" : \"compare\"")
                && json.contains("\"environmentDifferences\" : [ ]") && json.contains("\"verdict\" : \"faster\""),
                json);
        assertTrue(Files.readString(out.resolve("compare.md")).startsWith("# layerbench compare"));
        assertTrue(run.out().contains("wrote "), run.out());
    }

    @Test
    void anOutThatIsAFileFailsBeforeReading() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");

        CliRun run = CliRun.of("compare", tmp.resolve("nowhere").toString(), "--out", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--out " + file + " is a file"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "truncated", "schemaVersion 1", "schemaVersion 3", "no rows",
            "row without usPerOp", "row without samplesUs"})
    void brokenInputsExitTwoWithOneLineNamingTheFile(String broken) throws Exception {
        String json = switch (broken) {
            case "truncated" -> validJson().substring(0, validJson().length() / 2);
            case "schemaVersion 1" -> validJson().replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 1");
            case "schemaVersion 3" -> validJson().replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 3");
            case "no rows" -> validJson().replaceFirst("(?s)(.*)\"rows\" :", "$1\"rowz\" :");
            case "row without usPerOp" -> validJson().replaceAll("\"usPerOp\" : [0-9.]+,", "");
            case "row without samplesUs" -> validJson().replaceAll("\"samplesUs\" :", "\"samplesMs\" :");
            default -> null;
        };
        Path dir = json == null ? Files.createDirectories(tmp.resolve("broken")) : folderWithText(tmp, "broken", json);

        CliRun run = CliRun.of("compare", base().toString(), dir.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("layerbench: " + dir.resolve("timing.json")), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }

    /** The quick run checked into results/ predates raw samples: it is refused, not compared as if it had them. */
    @Test
    void aSchemaOneResultExitsTwoWithOneLineSayingToMeasureAgain() throws Exception {
        Path real = TimingFixtures.SCHEMA_ONE_RESULT;

        CliRun run = CliRun.of("compare", base().toString(), real.toString(), "--fail-above", "10");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("layerbench: " + real.resolve("timing.json") + " was made by an older layerbench (schema 1; "
                + "this one reads 2) and must be re-measured with 'layerbench bench --out'", run.err().strip());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "NaN"})
    void aBadThresholdExitsTwo(String pct) throws Exception {
        CliRun run = CliRun.of("compare", base().toString(), "--fail-above", pct);

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("--fail-above must be a percentage of 0 or more"), run.err());
    }

    @Test
    void noFolderIsAUsageError() {
        CliRun run = CliRun.of("compare");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("DIR"), run.err());
    }

    /** picocli formats descriptions with String.format: a bare % is a warning on System.err, not a percent sign. */
    @Test
    void helpPrintsItsPercentSignsWithoutPicocliWarnings() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run = CliRun.of("compare", "--help");
        } finally {
            System.setErr(stderr);
        }

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", captured.toString(StandardCharsets.UTF_8) + run.err());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("ratio of medians with its 95% interval"), help);
        assertTrue(help.contains("by more than PCT%."), help);
    }
}
