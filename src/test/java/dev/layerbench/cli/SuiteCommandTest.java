package dev.layerbench.cli;

import dev.layerbench.backend.GpuInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job end to end at the smoke preset: every stage's files, the headline, and a second run refused. */
class SuiteCommandTest {
    @TempDir
    Path results;

    @Test
    void oneCommandWritesEveryStageAndEndsWithTheReportAndThreeSentences() throws Exception {
        CliRun run = CliRun.of("suite", "--preset", "smoke", "--backends", "cpu", "--machine", "m1", "--results",
                results.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path out = results.resolve("m1");
        for (String file : new String[]{"env.json", "doctor.json", "bench-smoke/timing.json", "study-smoke/study.json",
                "report.html", "suite.log"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "no " + file);
        }
        for (String stage : new String[]{"[1/5] environment", "[2/5] doctor", "[3/5] bench", "[4/5] study",
                "[5/5] report"}) {
            assertTrue(run.err().contains(stage), "no progress line for " + stage + ": " + run.err());
        }
        assertTrue(run.out().contains("report: " + out.resolve("report.html")), run.out());
        assertEquals(3, run.out().lines().filter(l -> l.startsWith("- ")).count(), run.out());
        assertTrue(run.out().contains("- The 92%: on 92/8 data"), run.out());

        CliRun again = CliRun.of("suite", "--preset", "smoke", "--backends", "cpu", "--machine", "m1", "--results",
                results.toString());
        assertEquals(ExitCode.BAD_INPUT, again.exitCode());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("continue the suite with 'layerbench suite --resume --machine m1'"),
                again.err());
    }

    @Test
    void aMachineNameThatIsNotAFolderNameIsRefused() {
        CliRun run = CliRun.of("suite", "--machine", "../elsewhere", "--results", results.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("layerbench: --machine must be letters, digits"), run.err());
    }

    @Test
    void theMachineIdNamesCpuCoresIsaAndGpu() {
        assertEquals("amd-epyc-7763-64-core-processor-2core-avx2", SuiteCommand.machineId(
                dev.layerbench.report.TimingFixtures.environment("AMD EPYC 7763 64-Core Processor", List.of(), "abc")));
        assertEquals("intel-xeon-gold-6338-2core-avx2-nvidia-h100-80gb-hbm3", SuiteCommand.machineId(
                dev.layerbench.report.TimingFixtures.environment("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
                        List.of(new GpuInfo("NVIDIA H100 80GB HBM3", "9.0", 81559, "550", "12.4")), "abc")));
    }
}
