package dev.layerbench.report;

import dev.layerbench.train.EpochRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code epochs.csv}: one row per epoch. Undefined values (NaN: a diverged epoch, ROC-AUC on one class) are left
 * empty rather than written as a number. Doubles use {@link Double#toString}, which is locale-free and reads back
 * exactly.
 */
public final class EpochTable {
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "balanced_accuracy", "macro_f1", "roc_auc", "majority_baseline",
            "predicts_one_class", "diverged", "seconds");

    private EpochTable() {
    }

    public static String csv(List<EpochRow> rows) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
                .setRecordSeparator('\n').build();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (EpochRow r : rows) {
                printer.printRecord(r.epoch(), number(r.trainLoss()), number(r.trainAccuracy()),
                        number(r.testLoss()), number(r.testAccuracy()), number(r.balancedAccuracy()),
                        number(r.macroF1()), number(r.rocAuc()), number(r.majorityBaseline()),
                        r.predictsOneClass(), r.diverged(), number(r.seconds()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
