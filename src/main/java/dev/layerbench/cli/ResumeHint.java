package dev.layerbench.cli;

import dev.layerbench.bench.ChildProcess;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * What a journaled run says when it ends unfinished — Ctrl-C, a SIGTERM (Slurm's {@code scancel} or time limit),
 * a failed child: a shutdown hook prints how many rows the journal kept and the command that goes on from there.
 * A run that finishes says {@link #finished()} and nothing is printed.
 */
final class ResumeHint {
    private static final int CHILD_GRACE_SECONDS = 10;
    private final Thread hook;

    /**
     * @param command "layerbench bench"
     * @param kept    the rows journaled by now, asked for when the JVM ends
     */
    ResumeHint(String command, Path journal, IntSupplier kept, int total, PrintWriter err) {
        Path directory = journal.toAbsolutePath().getParent();
        hook = new Thread(() -> {
            stopChildren();
            ChildProcess.removeFoldersOfStoppedChildren();
            err.println();
            err.printf("layerbench: stopped with %d of %d rows kept in %s; continue with: %s --resume %s%n",
                    kept.getAsInt(), total, journal, command, directory);
            err.flush();
        }, "resume-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A child JVM still measuring would append after the count: it is asked to stop (SIGTERM; after Ctrl-C it has
     * its own SIGINT already) and given a few seconds, so the count printed is the journal's last word.
     */
    private static void stopChildren() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.destroy();
            try {
                child.onExit().get(CHILD_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    void finished() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hint is on its way, and true
        }
    }
}
