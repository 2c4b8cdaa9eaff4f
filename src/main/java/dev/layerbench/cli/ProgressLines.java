package dev.layerbench.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Progress over a known number of items reported by child JVMs (bench may add extra forks past it): a bar on an
 * interactive terminal, otherwise one line per finished item, which logs read well.
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

    /** An item past the total is an extra one (bench's forks for a noisy row): the count says "+" then. */
    void step(String line) {
        done++;
        if (bar != null) {
            bar.maxHint(Math.max(total, done));
            bar.stepTo(done);
            bar.setExtraMessage(line);
        } else {
            err.printf("[%d/%d%s] %s%n", done, total, done > total ? "+" : "", line);
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
