package dev.layerbench.cli;

import dev.layerbench.bench.ChildProcess;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Ends a child JVM when the layerbench process that started it is gone. The parent keeps the child's stdin open
 * for its whole life, so end-of-input means the parent died (killed, or interrupted): a child left running would
 * go on writing results for nobody — and into a journal a resumed run is already appending to. The child's
 * temporary folder goes with it: the parent that would have read and removed it cannot.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    /** @param report the report the parent asked for, in the child's temporary folder */
    static void exitWhenParentDies(Path report) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is the parent gone, too
            }
            ChildProcess.abandon(report);
            Runtime.getRuntime().halt(ExitCode.INTERNAL_FAILURE);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
