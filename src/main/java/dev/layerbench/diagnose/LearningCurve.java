package dev.layerbench.diagnose;

import dev.layerbench.data.Dataset;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.StratifiedSplit;
import dev.layerbench.train.EpochRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy of the {@link ReferenceModel} trained on growing stratified shares of the training set. If the
 * last doubling still gains more than {@link #STILL_RISING_POINTS} percentage points, more data is likely to help.
 *
 * <p>Each share trains for the same number of epochs, so smaller shares also take fewer steps; that is part of
 * what "less data" means in practice.
 *
 * @param points      one per fraction, in {@link #FRACTIONS} order
 * @param stillRising whether the step to the full training set gained more than {@link #STILL_RISING_POINTS}
 */
public record LearningCurve(List<Point> points, boolean stillRising) {
    public static final double[] FRACTIONS = {0.10, 0.25, 0.50, 1.00};
    public static final double STILL_RISING_POINTS = 1.0;

    /** @param trainRows the rows actually trained on */
    public record Point(double fraction, int trainRows, double testAccuracy) {
    }

    public static LearningCurve measure(DatasetSplit split, long subsetSeed, long initSeed, long shuffleSeed) {
        List<Point> points = new ArrayList<>();
        for (double fraction : FRACTIONS) {
            Dataset subset = fraction >= 1 ? split.train()
                    : StratifiedSplit.split(split.train(), 1 - fraction, subsetSeed).train();
            EpochRow last = ReferenceModel.train(new DatasetSplit(subset, split.test()), initSeed, shuffleSeed);
            points.add(new Point(fraction, subset.rows(), last.testAccuracy()));
        }
        return new LearningCurve(List.copyOf(points), lastGainPoints(points) > STILL_RISING_POINTS);
    }

    /** Percentage points gained from the second-to-last to the last fraction (NaN if either diverged). */
    public double lastGainPoints() {
        return lastGainPoints(points);
    }

    private static double lastGainPoints(List<Point> points) {
        return 100 * (points.get(points.size() - 1).testAccuracy() - points.get(points.size() - 2).testAccuracy());
    }
}
