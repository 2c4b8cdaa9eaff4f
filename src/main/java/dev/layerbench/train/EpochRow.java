package dev.layerbench.train;

import java.util.List;
import java.util.Optional;

/**
 * What one epoch of training measured. Test metrics are computed on the held-out set after the epoch's last
 * update; {@code trainLoss} is the mean of the epoch's batch losses as they were computed during training.
 *
 * @param majorityBaseline the test-set share of its most frequent class: the accuracy of a constant predictor
 * @param diverged         the loss or a parameter became NaN/Inf; metrics of such an epoch are not accuracy
 */
public record EpochRow(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                       double balancedAccuracy, double macroF1, double rocAuc, double majorityBaseline,
                       boolean predictsOneClass, boolean diverged, double seconds) {

    /**
     * The epoch with the highest test accuracy, the earliest on ties; empty when no epoch has one (all diverged).
     * It is chosen on the test set, so its accuracy flatters the model: it shows what the curve passed through
     * (a peak the last epoch falls away from), not what to expect on new data.
     */
    public static Optional<EpochRow> bestByTestAccuracy(List<EpochRow> epochs) {
        EpochRow best = null;
        for (EpochRow row : epochs) {
            if (Double.isFinite(row.testAccuracy()) && (best == null || row.testAccuracy() > best.testAccuracy())) {
                best = row;
            }
        }
        return Optional.ofNullable(best);
    }
}
