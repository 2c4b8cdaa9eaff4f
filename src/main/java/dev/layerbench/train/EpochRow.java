package dev.layerbench.train;

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
}
