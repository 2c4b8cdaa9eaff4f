package dev.layerbench.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "No surprises": an --out that cannot be written fails before the command does any work, in one line
 * and with exit 2 — not after minutes of training with exit 1 and a stack trace.
 */
class OutDirectoryTest {
    @TempDir
    Path dir;

    /** Root may write everywhere by the permission bits, yet /proc takes no new files. */
    @ParameterizedTest
    @ValueSource(strings = {"train", "study", "diagnose"})
    void outInProcIsRefusedBeforeAnyWork(String command) {
        assertRefusedUpFront(command, Path.of("/proc/nope"));
        assertTrue(Files.notExists(Path.of("/proc/nope")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "study", "diagnose"})
    void outUnderARegularFileIsRefusedBeforeAnyWork(String command) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefusedUpFront(command, file.resolve("results"));
        assertEquals("x", Files.readString(file));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList(), "nothing written beside it");
        }
    }

    private static void assertRefusedUpFront(String command, Path out) {
        List<String> args = command.equals("study") ? List.of("study", "--preset", "smoke", "--out", out.toString())
                : List.of(command, "--samples", "300", "--out", out.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("layerbench: --out " + out + " cannot be"), run.err());
        assertEquals("", run.out(), "no work started");
    }
}
