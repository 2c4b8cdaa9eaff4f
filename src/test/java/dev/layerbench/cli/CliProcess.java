package dev.layerbench.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** layerbench in a JVM of its own, for the tests that stop it from outside the way a user or a scheduler would. */
final class CliProcess {
    private final Process process;
    private final Path stderr;
    /** The run's own temporary folder, checked empty once it is stopped; null where it shares the system's. */
    private final Path temporary;

    private CliProcess(Process process, Path stderr, Path temporary) {
        this.process = process;
        this.stderr = stderr;
        this.temporary = temporary;
    }

    /** Starts {@code layerbench args}; its stderr goes to {@code stderr}, its stdout nowhere. */
    static CliProcess start(Path stderr, String... args) throws Exception {
        return start(List.of(), stderr, null, args);
    }

    /**
     * As {@link #start(Path, String...)}, with a temporary folder of its own ({@code stderr}'s name + ".tmp"): when
     * the run is stopped, {@link #killHard} and {@link #terminate} check that it left nothing there. Its machine
     * lock is in that folder too, so it does not wait for other benchmarks.
     */
    static CliProcess startWithOwnTemporaryFolder(Path stderr, String... args) throws Exception {
        Path temporary = Files.createDirectory(stderr.resolveSibling(stderr.getFileName() + ".tmp"));
        return start(List.of(), stderr, temporary, args);
    }

    /**
     * Starts {@code layerbench args} unable to write a file past {@code kib} KiB, the way a full disk stops it: a
     * write beyond the limit fails with EFBIG. The signal the kernel also sends (SIGXFSZ) is ignored before the
     * exec so that the JVM sees the failed write, as it would see ENOSPC, instead of being killed.
     */
    static CliProcess startWithFileSizeLimit(long kib, Path stderr, String... args) throws Exception {
        return start(List.of("bash", "-c", "trap '' XFSZ; ulimit -f " + kib + "; exec \"$@\"", "bash"), stderr, null,
                args);
    }

    private static CliProcess start(List<String> wrapper, Path stderr, Path temporary, String... args)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (temporary != null) {
            command.add("-Djava.io.tmpdir=" + temporary);
        }
        // the JVM's performance-data file is 32 KiB; it has nothing to do with what is tested. No --add-modules for
        // the Vector API, as with a bare `java -jar`: these runs take ND4J's element-wise ops instead, so that
        // fallback is exercised end to end here
        command.addAll(List.of("-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                "dev.layerbench.cli.Layerbench"));
        command.addAll(List.of(args));
        return new CliProcess(new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start(), stderr, temporary);
    }

    /** Waits (90 s at most) until {@code journal} holds {@code lines} complete lines; fails if the run ended first. */
    void awaitJournalLines(Path journal, int lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (completeLines(journal) < lines && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run ended before its journal reached " + lines + " lines: "
                + Files.readString(stderr));
    }

    /**
     * Waits (90 s at most) until {@code journal} holds {@code count} complete lines of {@code kind} ("fork", …);
     * fails if the run ended first.
     */
    void awaitJournalEntries(Path journal, String kind, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (entries(journal, kind) < count && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(process.isAlive(), "the run ended before its journal held " + count + " " + kind + " lines: "
                + Files.readString(stderr));
    }

    /** Complete lines of {@code kind} in {@code journal}. */
    static int entries(Path journal, String kind) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        String marker = "{\"kind\":\"" + kind + "\"";
        return (int) Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith(marker) && l.endsWith("}")).count();
    }

    /** Waits (90 s at most) until the run has printed {@code text} to stderr; fails if it ended first. */
    void awaitStderr(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!stderr().contains(text) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(stderr().contains(text), "no '" + text + "' in: " + stderr());
    }

    /** Waits (120 s at most) for the run to end by itself; returns its exit code. */
    int awaitExit() throws Exception {
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run did not end: " + stderr());
        return process.exitValue();
    }

    /**
     * kill -9, then checks that the child JVMs it had started end too instead of writing on — and, with a temporary
     * folder of its own, that they took their files with them.
     */
    void killHard() throws Exception {
        stop(true);
    }

    /** SIGTERM, what {@code scancel} and a time limit send; returns the exit code. */
    int terminate() throws Exception {
        return stop(false);
    }

    String stderr() throws Exception {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    private int stop(boolean hard) throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        if (hard) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the run did not end");
        for (ProcessHandle child : children) {
            child.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "a child JVM outlived its stopped parent");
        }
        if (temporary != null) {
            try (Stream<Path> left = Files.list(temporary)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals("jmh.lock")).sorted().toList(), "left in the temporary folder");
            }
        }
        return process.exitValue();
    }

    /** Lines ending with a newline: the journal's finished entries, header included. */
    static int completeLines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
