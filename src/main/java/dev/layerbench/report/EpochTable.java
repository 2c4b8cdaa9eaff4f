package dev.layerbench.report;

import dev.layerbench.results.Csv;
import dev.layerbench.train.EpochRow;

import java.util.List;

/** {@code epochs.csv}: one row per epoch; a diverged epoch's metrics and ROC-AUC on one class are empty cells. */
public final class EpochTable {
    public static final List<String> COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "test_loss",
            "test_accuracy", "balanced_accuracy", "macro_f1", "roc_auc", "majority_baseline",
            "predicts_one_class", "diverged", "seconds");

    private EpochTable() {
    }

    public static String csv(List<EpochRow> rows) {
        return Csv.table(COLUMNS, rows.stream().map(r -> List.<Object>of(r.epoch(), r.trainLoss(),
                r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.balancedAccuracy(), r.macroF1(), r.rocAuc(),
                r.majorityBaseline(), r.predictsOneClass(), r.diverged(), r.seconds())).toList());
    }
}
