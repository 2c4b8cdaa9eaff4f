package dev.layerbench.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a {@link Dataset} from a {@link SyntheticSpec}: each class is a mixture of Gaussian blobs with identity
 * covariance whose centres lie at distance {@code separation} from the origin in random directions.
 *
 * <p>The result depends on the spec alone. Each random decision (centres, labels, points, noise, leak) draws
 * from its own stream split off the seed, so changing one knob, say the label noise, leaves the points of the
 * other steps as they were.
 */
public final class SyntheticGenerator {
    private SyntheticGenerator() {
    }

    public static Dataset generate(SyntheticSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom centreRandom = root.split();
        SplittableRandom labelRandom = root.split();
        SplittableRandom pointRandom = root.split();
        long noiseSeed = root.nextLong();
        SplittableRandom leakRandom = root.split();

        int d = spec.features();
        int n = spec.samples();
        double[][][] centres = centres(spec, centreRandom);
        int[] trueLabels = shuffledLabels(spec.classCounts(), labelRandom);

        int columns = d + (spec.hasLeak() ? 1 : 0);
        float[] x = new float[n * columns];
        for (int i = 0; i < n; i++) {
            double[] centre = centres[trueLabels[i]][pointRandom.nextInt(spec.clustersPerClass())];
            for (int j = 0; j < d; j++) {
                x[i * columns + j] = (float) (centre[j] + pointRandom.nextGaussian());
            }
        }
        int[] labels = LabelNoise.flip(trueLabels, spec.classes(), spec.labelNoise(), noiseSeed);
        if (spec.hasLeak()) {
            // The leak is computed from the recorded (possibly noisy) label, as real leaks are: a column filled
            // in after the fact from the very field the model is asked to predict.
            for (int i = 0; i < n; i++) {
                x[i * columns + d] = (float) (labels[i] + spec.leakStrength() * leakRandom.nextGaussian());
            }
        }
        return new Dataset(spec.describe(), x, n, columns, labels, Dataset.numberedNames("", spec.classes()),
                featureNames(d, spec.hasLeak()));
    }

    private static List<String> featureNames(int d, boolean leak) {
        List<String> names = Dataset.numberedNames("x", d);
        if (leak) {
            names.add("leak");
        }
        return names;
    }

    /** {@code centres[class][cluster]} = separation × a uniformly random unit vector. */
    private static double[][][] centres(SyntheticSpec spec, SplittableRandom random) {
        double[][][] centres = new double[spec.classes()][spec.clustersPerClass()][];
        for (double[][] ofClass : centres) {
            for (int c = 0; c < ofClass.length; c++) {
                ofClass[c] = randomDirection(spec.features(), random);
                for (int j = 0; j < spec.features(); j++) {
                    ofClass[c][j] *= spec.separation();
                }
            }
        }
        return centres;
    }

    private static double[] randomDirection(int d, SplittableRandom random) {
        double[] v = new double[d];
        double norm;
        do { // a standard normal vector points in a uniform direction; retry on the (astronomically rare) zero
            norm = 0;
            for (int j = 0; j < d; j++) {
                v[j] = random.nextGaussian();
                norm += v[j] * v[j];
            }
        } while (norm == 0);
        norm = Math.sqrt(norm);
        for (int j = 0; j < d; j++) {
            v[j] /= norm;
        }
        return v;
    }

    /** Exactly {@code counts[k]} rows of each class k, in random order. */
    private static int[] shuffledLabels(int[] counts, SplittableRandom random) {
        int n = 0;
        for (int count : counts) {
            n += count;
        }
        int[] labels = new int[n];
        int row = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int i = 0; i < counts[k]; i++) {
                labels[row++] = k;
            }
        }
        Shuffle.first(labels, n, random);
        return labels;
    }
}
