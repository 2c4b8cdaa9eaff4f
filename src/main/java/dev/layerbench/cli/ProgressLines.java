package dev.layerbench.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Progress over a known number of items reported by child JVMs: a bar on an interactive terminal, otherwise one
 * line per finished item, which logs read well.
 */
final class ProgressLines implements AutoCloseable {
    private final int total;
    private final PrintWriter err;
    private final ProgressBar bar;
    private int done;

    ProgressLines(String task, int total, PrintWriter err) {
        this.total = total;
        this.err = err;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task)
                .setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    void step(String line) {
        done++;
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(line);
        } else {
            err.printf("[%d/%d] %s%n", done, total, line);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
