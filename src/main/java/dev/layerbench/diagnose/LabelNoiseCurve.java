package dev.layerbench.diagnose;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.LabelNoise;
import dev.layerbench.train.EpochRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy of the {@link ReferenceModel} as a growing share of the training labels is flipped to another
 * class (the test labels stay as they are). A steep fall says the model is sensitive to wrong labels, a flat curve
 * that it tolerates some; neither says how many of the data's own labels are wrong.
 *
 * @param points one per noise rate, in {@link #RATES} order
 */
public record LabelNoiseCurve(List<Point> points) {
    public static final double[] RATES = {0.0, 0.1, 0.2, 0.4};

    /** @param noiseRate the share of training labels flipped; {@code testAccuracy} NaN if training diverged */
    public record Point(double noiseRate, double testAccuracy, double balancedAccuracy) {
    }

    public static LabelNoiseCurve measure(DatasetSplit split, long noiseSeed, long initSeed, long shuffleSeed) {
        List<Point> points = new ArrayList<>();
        for (double rate : RATES) {
            int[] noisy = LabelNoise.flip(split.train().labels(), split.train().numClasses(), rate, noiseSeed);
            DatasetSplit trained = new DatasetSplit(ReferenceModel.withLabels(split.train(), noisy,
                    split.train().source() + " [label-noise " + rate + "]"), split.test());
            EpochRow last = ReferenceModel.train(trained, initSeed, shuffleSeed);
            points.add(new Point(rate, last.testAccuracy(), last.balancedAccuracy()));
        }
        return new LabelNoiseCurve(List.copyOf(points));
    }

    public Point clean() {
        return points.get(0);
    }

    public Point noisiest() {
        return points.get(points.size() - 1);
    }
}
