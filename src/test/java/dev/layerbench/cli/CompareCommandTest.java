package dev.layerbench.cli;

import dev.layerbench.report.TimingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.layerbench.report.TimingFixtures.folder;
import static dev.layerbench.report.TimingFixtures.folderWithText;
import static dev.layerbench.report.TimingFixtures.row;
import static dev.layerbench.report.TimingFixtures.validJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareCommandTest {
    @TempDir
    Path tmp;

    private Path base() throws Exception {
        return folder(tmp, "base", row("cpu", "own", "forward", 100, 5), row("cpu", "dl4j", "forward", 200, 10));
    }

    @Test
    void aRowSlowerBeyondThresholdAndNoiseExitsOneAndIsNamed() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130, 5), row("cpu", "dl4j", "forward", 200, 10));

        CliRun run = CliRun.of("compare", next.toString(), "--baseline", base().toString(), "--fail-above", "10");

        assertEquals(ExitCode.REGRESSION, run.exitCode(), run.err());
        assertTrue(run.err().contains("regressed: own forward batch 32 in 784 out 10 hidden 0 float32 on next:cpu: "
                + "baseline base:cpu 100.000 µs/op, now 130.000 µs/op (+30.0%)"), run.err());
        assertFalse(run.err().contains("dl4j"), run.err());
        assertFalse(run.err().contains("internal failure"), run.err());
        assertTrue(run.out().contains("**regressed**"), run.out());
    }

    @Test
    void underTheThresholdExitsZero() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130, 5));

        CliRun run = CliRun.of("compare", "--baseline", base().toString(), next.toString(), "--fail-above", "50");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void overlappingIntervalsAreNotARegression() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130, 40));

        CliRun run = CliRun.of("compare", "--baseline", base().toString(), next.toString(), "--fail-above", "10");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
    }

    @Test
    void withoutOutTheMarkdownGoesToStdout() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 50, 5));

        CliRun run = CliRun.of("compare", base().toString(), next.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("### batch 32, in 784, out 10, no hidden layer, float32"), run.out());
        assertTrue(run.out().contains("| forward | own | 100.0 ± 5.0 | 50.0 ± 5.0 | ×2.00 |"), run.out());
        assertTrue(run.out().contains("| forward | dl4j | 200.0 ± 10.0 |  |  |"), run.out());
    }

    @Test
    void outWritesTheThreeFiles() throws Exception {
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 50, 5));
        Path out = tmp.resolve("out/compare");

        CliRun run = CliRun.of("compare", base().toString(), next.toString(), "--out", out.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String csv = Files.readString(out.resolve("compare.csv"));
        assertTrue(csv.startsWith("impl,op,batch,in,out,hidden,dtype,column,us_per_op,error_us,speedup_vs_baseline,"
                + "intervals_overlap,regressed\n"), csv);
        assertTrue(csv.contains("own,forward,32,784,10,0,float32,next:cpu,50.0,5.0,2.0,false,false\n"), csv);
        String json = Files.readString(out.resolve("compare.json"));
        assertTrue(json.contains("\"schemaVersion\" : 1") && json.contains("\"kind\" : \"compare\""), json);
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
    @ValueSource(strings = {"missing", "truncated", "schemaVersion 2", "no rows", "row without usPerOp"})
    void brokenInputsExitTwoWithOneLineNamingTheFile(String broken) throws Exception {
        String json = switch (broken) {
            case "truncated" -> validJson().substring(0, validJson().length() / 2);
            case "schemaVersion 2" -> validJson().replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
            case "no rows" -> validJson().replaceFirst("\"rows\" :", "\"rowz\" :");
            case "row without usPerOp" -> validJson().replaceFirst("\"usPerOp\" : [0-9.]+,", "");
            default -> null;
        };
        Path dir = json == null ? Files.createDirectories(tmp.resolve("broken")) : folderWithText(tmp, "broken", json);

        CliRun run = CliRun.of("compare", base().toString(), dir.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("layerbench: " + dir.resolve("timing.json")), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
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

    @Test
    void theRealResultAgainstItselfPassesTheStrictestGate() {
        String real = TimingFixtures.REAL_RESULT.toString();

        CliRun run = CliRun.of("compare", real, "--baseline", real, real, "--fail-above", "0");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertFalse(run.out().contains("**regressed**"), run.out());
        assertTrue(run.out().contains("0 regressed."), run.out());
        assertTrue(run.out().contains("bench-quick#2:cpu"), run.out());
    }
}
