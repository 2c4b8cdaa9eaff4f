package dev.layerbench.cli;

import java.io.IOException;

/**
 * Ends a child JVM when the layerbench process that started it is gone. The parent keeps the child's stdin open
 * for its whole life, so end-of-input means the parent died (killed, or interrupted): a child left running would
 * go on writing results for nobody — and into a journal a resumed run is already appending to.
 */
final class ParentWatch {
    private ParentWatch() {
    }

    static void exitWhenParentDies() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is the parent gone, too
            }
            Runtime.getRuntime().halt(ExitCode.INTERNAL_FAILURE);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
