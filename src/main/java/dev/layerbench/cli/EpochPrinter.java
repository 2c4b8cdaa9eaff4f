package dev.layerbench.cli;

import dev.layerbench.backend.Environment;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Scale;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.study.SymmetryTracker;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.RunSeeds;
import dev.layerbench.train.Averaging;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Shows a train run: what runs, a progress bar within each epoch (on the console's stderr, and only when a
 * person is watching: a bar redrawn into a log file is noise), and one line per epoch on stdout.
 */
final class EpochPrinter implements TrainingListener {
    private static final String ROW = "%5s %10s %9s %9s %9s %9s %9s  %s%n";

    private final PrintWriter out;
    private final SymmetryTracker symmetry;
    private final boolean interactive = System.console() != null;
    private ProgressBar bar;

    /** @param symmetry the tracker whose latest spread each epoch line shows; null for none */
    EpochPrinter(PrintWriter out, SymmetryTracker symmetry) {
        this.out = out;
        this.symmetry = symmetry;
    }

    void header(RunSeeds seeds, DatasetSplit split, Scale scale, NetworkSpec spec, TrainConfig config,
                Environment env) {
        // The data line below names the data seed, which --seed expands into; the seed to re-run with is this one.
        out.printf(Locale.US, "seed     %d (expanded into data seed %d, init seed %d, shuffle seed %d)%n",
                seeds.master(), seeds.data(), seeds.init(), seeds.shuffle());
        out.printf(Locale.US, "data     %s%n", split.train().source());
        out.printf(Locale.US, "         train %d rows, test %d rows, %d features, classes %s%n",
                split.train().rows(), split.test().rows(), split.train().columns(), split.train().classNames());
        out.printf(Locale.US, "scale    %s%n", scale);
        out.printf(Locale.US, "network  %d → %s%d (%s), init %s, bias %s, %s, %s%n", spec.inputs(),
                spec.hidden() == 0 ? "" : spec.hidden() + " " + spec.activation() + " → ", spec.outputs(),
                spec.loss(), spec.weightInit().text(), spec.biasInit().text(), spec.dtype(),
                spec.parameterCount() + " parameters");
        out.printf(Locale.US, "training %d epochs, batch %d, %s lr %s%s%n", config.epochs(), config.batchSize(),
                config.optimizer(), config.learningRate(), config.averaging() == Averaging.EPOCH
                        ? ", scored on each epoch's mean iterate (--average epoch)" : "");
        out.printf(Locale.US, "backend  ND4J %s (%s), BLAS %s%n", env.nd4jBackend(), env.nd4jNativeBuild(),
                env.blasVendor());
        out.printf(Locale.US, ROW, "epoch", "train_loss", "train_acc", "test_acc", "balanced", "macro_f1",
                "majority", symmetry == null ? "" : "hidden-unit spread (distinct units)");
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).clearDisplayOnFinish().build();
        }
    }

    @Override
    public void batchFinished(int epoch, int batch) {
        if (bar != null) {
            bar.stepTo(batch);
            if (batch == bar.getMax()) {
                // closed here, not after scoring, so the bar's time is the training time alone
                bar.close();
                bar = null;
            }
        }
    }

    /** It reads none: without a symmetry tracker beside it, the trainer's SGD step stores no gradients. */
    @Override
    public boolean watchesGradients() {
        return false;
    }

    @Override
    public void epochFinished(EpochRow row) {
        String note = row.diverged() ? "DIVERGED: loss or parameters not finite"
                : row.predictsOneClass() ? "predicts one class" : "";
        if (symmetry != null && symmetry.traced() && !row.diverged()) {
            note = String.format(Locale.US, "%.3e (%d)  %s", symmetry.last().symmetry().relativeSpread(),
                    symmetry.last().symmetry().distinctUnits(), note).strip();
        }
        out.printf(Locale.US, ROW, row.epoch(), fixed(row.trainLoss()), percent(row.trainAccuracy()),
                percent(row.testAccuracy()), percent(row.balancedAccuracy()), fixed(row.macroF1()),
                percent(row.majorityBaseline()), note);
        out.flush();
    }

    void footer(List<EpochRow> rows) {
        EpochRow last = rows.get(rows.size() - 1);
        // The best epoch is picked on the test set: worth seeing (a peak that falls away again shows how far
        // constant-rate SGD's last steps moved the model), but the last epoch's accuracy is the run's result.
        EpochRow.bestByTestAccuracy(rows).ifPresent(best -> out.printf(Locale.US,
                "test accuracy: last epoch (%d) %s, best epoch %d %s%n", last.epoch(), percent(last.testAccuracy()),
                best.epoch(), percent(best.testAccuracy())));
        if (!last.diverged() && last.testAccuracy() == last.majorityBaseline() && last.predictsOneClass()) {
            out.printf(Locale.US, "test accuracy %s is exactly the majority class's share: the network predicts "
                    + "a constant.%n", percent(last.testAccuracy()));
        }
        out.flush();
    }

    private static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.US, "%.2f%%", 100 * value) : "-";
    }

    private static String fixed(double value) {
        return Double.isFinite(value) ? String.format(Locale.US, "%.4f", value) : "-";
    }
}
