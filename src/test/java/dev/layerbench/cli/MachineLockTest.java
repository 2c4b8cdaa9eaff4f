package dev.layerbench.cli;

import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.MachineLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Two benchmarks on one machine (two Slurm tasks on a node) take turns instead of one crashing on JMH's lock. */
class MachineLockTest {
    @TempDir
    Path dir;

    @Test
    void aBenchWaitsWhileAnotherHoldsTheMachineThenRuns() throws Exception {
        CliProcess bench;
        try (AutoCloseable other = MachineLock.acquire(notice -> { })) {
            bench = CliProcess.start(dir.resolve("stderr"), "bench", "--preset", "smoke", "--backends", "cpu",
                    "--impl", "gemm", "--threads", "1", "--filter", "gemm:l1\\.xw", "--out", dir.resolve("out").toString());
            bench.awaitStderr("layerbench: waiting for another benchmark on this machine to end");
            Thread.sleep(500);
            assertFalse(Files.readString(dir.resolve("out").resolve(BenchJournal.FILE_NAME))
                    .contains("\"kind\":\"session\""), "no child started while the machine was taken");
        }
        assertEquals(0, bench.awaitExit(), bench.stderr());
        assertEquals(2, Files.readAllLines(dir.resolve("out").resolve("timing.csv")).size(), "header and the X·W ceiling row");
    }
}
