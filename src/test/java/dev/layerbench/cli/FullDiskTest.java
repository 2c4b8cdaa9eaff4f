package dev.layerbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "No surprises": a disk that fills up while the results are written ends the run with one line, and
 * the results already in the folder stay as they were — no half-written file replaces a good one.
 */
class FullDiskTest {
    /** Below both new files (epochs.csv of 20 epochs is about 3 KiB, run.json about 10 KiB), above one line. */
    private static final long LIMIT_KIB = 2;

    @TempDir
    Path dir;

    @Test
    void aFailedWriteIsOneLineAndLeavesThePreviousResults() throws Exception {
        Path out = dir.resolve("run");
        // the good results a failed run must not spoil; run in this JVM, which also unpacks ND4J's native
        // libraries into JavaCPP's cache before the child, whose file-size limit they would exceed
        assertEquals(0, CliRun.of("train", "--samples", "300", "--epochs", "1", "--out", out.toString()).exitCode());
        byte[] epochs = Files.readAllBytes(out.resolve("epochs.csv"));
        byte[] runJson = Files.readAllBytes(out.resolve("run.json"));

        Path stderr = dir.resolve("stderr");
        int exit = CliProcess.startWithFileSizeLimit(LIMIT_KIB, stderr, "train", "--samples", "300", "--epochs",
                "20", "--out", out.toString()).awaitExit();

        String err = Files.readString(stderr);
        assertEquals(ExitCode.INTERNAL_FAILURE, exit, err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.matches("layerbench: could not write " + out + "/(epochs\\.csv|run\\.json): File too large; the previous files are intact\\s*"),
                err);
        assertFalse(err.contains("\tat "), err);
        assertArrayEquals(epochs, Files.readAllBytes(out.resolve("epochs.csv")));
        assertArrayEquals(runJson, Files.readAllBytes(out.resolve("run.json")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("epochs.csv", "run.json"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no temporary file left behind");
        }
    }
}
