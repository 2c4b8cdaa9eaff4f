package dev.layerbench.diagnose;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.LabelNoise;
import dev.layerbench.train.EpochRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Test accuracy of the {@link ReferenceModel} as a growing share of the training labels is flipped to another
 * class (the test labels stay as they are), each rate repeated over seeds (which labels flip, the model's start
 * and batch order). A steep fall says the model is sensitive to wrong labels, a flat curve that it tolerates some;
 * neither says how many of the data's own labels are wrong.
 *
 * @param points one per noise rate, in {@link #RATES} order
 */
public record LabelNoiseCurve(List<Point> points) {
    public static final double[] RATES = {0.0, 0.1, 0.2, 0.4};

    /** @param noiseRate the share of training labels flipped; accuracies over seeds, NaN if a run diverged */
    public record Point(double noiseRate, OverSeeds testAccuracy, OverSeeds balancedAccuracy) {
    }

    static LabelNoiseCurve measure(DatasetSplit split, List<ModelSeeds> repeats) {
        List<Point> points = new ArrayList<>();
        for (double rate : RATES) {
            double[] test = new double[repeats.size()];
            double[] balanced = new double[repeats.size()];
            for (int i = 0; i < repeats.size(); i++) {
                ModelSeeds seeds = repeats.get(i);
                int[] noisy = LabelNoise.flip(split.train().labels(), split.train().numClasses(), rate, seeds.noise());
                DatasetSplit trained = new DatasetSplit(ReferenceModel.withLabels(split.train(), noisy,
                        split.train().source() + " [label-noise " + rate + "]"), split.test());
                EpochRow last = ReferenceModel.train(trained, seeds.init(), seeds.shuffle());
                test[i] = last.testAccuracy();
                balanced[i] = last.balancedAccuracy();
            }
            points.add(new Point(rate, OverSeeds.of(test), OverSeeds.of(balanced)));
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
