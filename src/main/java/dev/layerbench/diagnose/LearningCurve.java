package dev.layerbench.diagnose;

import dev.layerbench.data.Dataset;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.StratifiedSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy of the {@link ReferenceModel} trained on growing stratified shares of the training set, each
 * share repeated over seeds (which rows are kept, the model's start and batch order). If the last doubling still
 * gains more than {@link #STILL_RISING_POINTS} percentage points (means over seeds), more data is likely to help.
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

    /** @param trainRows the rows actually trained on (a stratified share has the same size for every seed) */
    public record Point(double fraction, int trainRows, OverSeeds testAccuracy) {
    }

    static LearningCurve measure(DatasetSplit split, List<ModelSeeds> repeats) {
        List<Point> points = new ArrayList<>();
        for (double fraction : FRACTIONS) {
            double[] test = new double[repeats.size()];
            int rows = 0;
            for (int i = 0; i < repeats.size(); i++) {
                ModelSeeds seeds = repeats.get(i);
                Dataset subset = fraction >= 1 ? split.train()
                        : StratifiedSplit.split(split.train(), 1 - fraction, seeds.subset()).train();
                rows = subset.rows();
                test[i] = ReferenceModel.train(new DatasetSplit(subset, split.test()), seeds.init(), seeds.shuffle())
                        .testAccuracy();
            }
            points.add(new Point(fraction, rows, OverSeeds.of(test)));
        }
        return new LearningCurve(List.copyOf(points), lastGainPoints(points) > STILL_RISING_POINTS);
    }

    /** Percentage points gained from the second-to-last to the last fraction, means over seeds (NaN if diverged). */
    public double lastGainPoints() {
        return lastGainPoints(points);
    }

    private static double lastGainPoints(List<Point> points) {
        return 100 * (points.get(points.size() - 1).testAccuracy().mean()
                - points.get(points.size() - 2).testAccuracy().mean());
    }
}
