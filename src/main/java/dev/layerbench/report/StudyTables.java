package dev.layerbench.report;

import dev.layerbench.results.Csv;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.StudyRow;

import java.util.List;

/** {@code accuracy.csv} (one row per run) and {@code curves.csv} (per epoch and per traced step). */
public final class StudyTables {
    public static final List<String> ACCURACY_COLUMNS = List.of("scenario", "init", "hidden", "activation", "dtype",
            "backend", "seed", "train_accuracy", "test_accuracy", "balanced_accuracy", "macro_f1", "roc_auc",
            "majority_baseline", "final_spread", "distinct_units", "verdict", "initial_spread",
            "step_spread_above_1e-6", "step_spread_above_1e-2", "sigma2_over_sigma1", "entropy_rank", "epochs",
            "steps", "seconds", "scale");
    public static final List<String> CURVE_COLUMNS = List.of("scenario", "init", "hidden", "activation", "dtype",
            "backend", "seed", "kind", "epoch", "step", "train_loss", "test_loss", "train_accuracy", "test_accuracy",
            "balanced_accuracy", "macro_f1", "roc_auc", "majority_baseline", "spread",
            "distinct_units", "sigma2_over_sigma1", "entropy_rank", "grad_norm_w1", "grad_norm_b1",
            "grad_norm_w2", "grad_norm_b2");

    private StudyTables() {
    }

    /** One row per run; {@code scale} is empty for rows stored before the study recorded it. */
    public static String accuracy(List<StudyRow> rows) {
        return Csv.table(ACCURACY_COLUMNS, rows.stream().map(r -> List.<Object>of(r.scenario(), r.init(),
                r.hidden(), r.activation(), r.dtype(), r.backend(), r.seed(), r.trainAccuracy(), r.testAccuracy(),
                r.balancedAccuracy(), r.macroF1(), r.rocAuc(), r.majorityBaseline(), r.finalSpread(),
                r.hidden() == 0 ? "" : r.distinctUnits(), r.verdict().name(), r.initialSpread(),
                step(r.stepSpreadAbove1e6()), step(r.stepSpreadAbove1e2()), r.sigmaRatio(), r.entropyRank(),
                r.epochs(), r.steps(), r.seconds(), r.scale() == null ? "" : r.scale())).toList());
    }

    public static String curves(List<CurvePoint> points) {
        return Csv.table(CURVE_COLUMNS, points.stream().map(p -> List.<Object>of(p.scenario(), p.init(), p.hidden(),
                p.activation(), p.dtype(), p.backend(), p.seed(), p.kind(), p.epoch(), step(p.step()), p.trainLoss(),
                p.testLoss(), p.trainAccuracy(), p.testAccuracy(), p.balancedAccuracy(), p.macroF1(), p.rocAuc(),
                p.majorityBaseline(), p.spread(), p.kind().equals("step") ? p.distinctUnits() : "",
                p.sigmaRatio(), p.entropyRank(), p.gradNormW1(), p.gradNormB1(), p.gradNormW2(),
                p.gradNormB2())).toList());
    }

    private static Object step(int step) {
        return step < 0 ? "" : step;
    }
}
