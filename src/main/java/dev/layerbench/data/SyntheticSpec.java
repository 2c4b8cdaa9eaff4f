package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The knobs of a synthetic classification problem, each one a way to make it harder in a known direction:
 * imbalance ({@code classWeights}), wrong labels ({@code labelNoise}), a feature that gives the answer away
 * ({@code leakStrength}), overlap ({@code separation}) and non-linearity ({@code clustersPerClass}).
 *
 * <p>The constructor validates everything, with messages naming the CLI flag, so a bad flag fails before any
 * data is generated.
 *
 * @param classes          number of classes K; must equal {@code classWeights.length} when weights are given
 * @param features         number of Gaussian feature columns D (the leaked column comes on top)
 * @param samples          number of rows n
 * @param classWeights     share of rows per class, summing to 1 (within {@link #WEIGHT_SUM_TOLERANCE});
 *                         {@code null} means balanced
 * @param labelNoise       fraction of rows whose label is replaced by another class, in [0, 1)
 * @param leakStrength     NaN or negative: no leaked column; otherwise the noise scale of an extra column
 *                         {@code label + leakStrength·N(0,1)} — the smaller, the stronger the leak
 * @param separation       radius of the sphere the blob centres lie on; larger means better separated
 * @param clustersPerClass Gaussian blobs per class; more than one makes the classes non-linearly separable
 * @param seed             the only source of randomness
 */
public record SyntheticSpec(int classes, int features, int samples, double[] classWeights, double labelNoise,
                            double leakStrength, double separation, int clustersPerClass, long seed) {

    /**
     * How far {@code --class-weights} may sum from 1: room for a share written with ten decimals (1/3 as
     * 0.3333333333), none for weights that are not shares at all (0.5,0.6), which would otherwise be rescaled
     * without a word.
     */
    private static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    public SyntheticSpec {
        requireAtLeast("--samples", samples, 2);
        if (classWeights == null) {
            requireAtLeast("--classes", classes, 2);
            requireAtMostSamples("--classes", classes, samples); // before allocating one weight per class
            classWeights = new double[classes];
            Arrays.fill(classWeights, 1.0 / classes);
        } else {
            classWeights = shares(classWeights);
            if (classes != classWeights.length) {
                throw new BadInputException("--classes is " + classes + " but --class-weights gives "
                        + classWeights.length + " weights; give one weight per class.");
            }
        }
        requireAtLeast("--features", features, 1);
        requireAtLeast("--clusters", clustersPerClass, 1);
        requireAtMostSamples("--clusters", clustersPerClass, samples); // more blobs than rows is a typo

        LabelNoise.checkRate(labelNoise);
        if (Double.isInfinite(leakStrength)) {
            throw new BadInputException("--leak must be a finite number (negative for no leak), got "
                    + Numbers.format(leakStrength) + ".");
        }
        if (!(separation >= 0 && Double.isFinite(separation))) {
            throw new BadInputException("--separation must be a finite number >= 0, got "
                    + Numbers.format(separation) + ".");
        }
        long columns = features + (leakStrength >= 0 ? 1L : 0L);
        if ((long) samples * columns > HeapLimit.MAX_ARRAY_VALUES) {
            throw new BadInputException("--samples " + samples + " × " + columns + " columns is more than the "
                    + HeapLimit.MAX_ARRAY_VALUES + " values one Java array can hold; use fewer samples or features.");
        }
        int[] counts = classCounts(classWeights, samples);
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 1) {
                throw new BadInputException("--samples " + samples + " leaves class " + k + " (weight "
                        + Numbers.format(classWeights[k]) + ") without rows; raise --samples or that class's weight.");
            }
        }
    }

    /** Two balanced classes, 20 features, 2000 samples, no noise, no leak, separation 1.5, one blob, seed 42. */
    public static SyntheticSpec defaults() {
        return new SyntheticSpec(2, 20, 2000, null, 0.0, Double.NaN, 1.5, 1, 42L);
    }

    /**
     * Builds a spec whose class count comes from the weights when they are given, which is what the CLI wants:
     * {@code --class-weights 0.9,0.05,0.05} alone means three classes.
     */
    public static SyntheticSpec of(int classes, int features, int samples, double[] classWeights, double labelNoise,
                                   double leakStrength, double separation, int clustersPerClass, long seed) {
        int k = classWeights == null ? classes : classWeights.length;
        return new SyntheticSpec(k, features, samples, classWeights, labelNoise, leakStrength, separation,
                clustersPerClass, seed);
    }

    /** The same problem drawn with another seed. */
    public SyntheticSpec withSeed(long newSeed) {
        return new SyntheticSpec(classes, features, samples, classWeights, labelNoise, leakStrength, separation,
                clustersPerClass, newSeed);
    }

    @Override
    public double[] classWeights() {
        return classWeights.clone();
    }

    public boolean hasLeak() {
        return leakStrength >= 0;
    }

    /**
     * Rows per class: {@code round(weight·n)} each, with whatever rounding leaves over (or takes away) settled
     * on the largest class, so the counts sum to exactly n.
     */
    public int[] classCounts() {
        return classCounts(classWeights, samples);
    }

    private static int[] classCounts(double[] weights, int n) {
        int[] counts = new int[weights.length];
        int largest = 0;
        int assigned = 0;
        for (int k = 0; k < weights.length; k++) {
            counts[k] = (int) Math.round(weights[k] * n);
            assigned += counts[k];
            if (weights[k] > weights[largest]) {
                largest = k;
            }
        }
        counts[largest] += n - assigned;
        return counts;
    }

    /** Every parameter, in the CLI's flag names, so a dataset's source says how to generate it again. */
    public String describe() {
        return "synthetic(classes=" + classes + ", features=" + features + ", samples=" + samples
                + ", class-weights=" + joined(classWeights) + ", label-noise=" + Numbers.format(labelNoise)
                + ", leak=" + (hasLeak() ? Numbers.format(leakStrength) : "none")
                + ", separation=" + Numbers.format(separation) + ", clusters=" + clustersPerClass
                + ", seed=" + seed + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    // Records compare arrays by reference; two specs with equal weights are the same problem.
    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticSpec other && describe().equals(other.describe())
                && Arrays.equals(classWeights, other.classWeights);
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    /** The weights as the flag takes them: 0.92,0.08. */
    private static String joined(double[] weights) {
        StringJoiner joined = new StringJoiner(",");
        for (double w : weights) {
            joined.add(Numbers.format(w));
        }
        return joined.toString();
    }

    private static double[] shares(double[] weights) {
        if (weights.length < 2) {
            throw new BadInputException("--class-weights needs at least 2 weights, got " + weights.length + ".");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0 && Double.isFinite(w))) {
                throw new BadInputException("--class-weights must all be positive finite numbers, got "
                        + Numbers.format(w) + ".");
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new BadInputException("--class-weights " + joined(weights) + " sum to " + Numbers.format(sum)
                    + ", not 1: they are the shares of the rows, so give ones that sum to 1 (each divided by "
                    + Numbers.format(sum) + " keeps these proportions).");
        }
        return weights.clone();
    }

    private static void requireAtMostSamples(String flag, int value, int samples) {
        if (value > samples) {
            throw new BadInputException(flag + " must be at most --samples (" + samples + "), got " + value + ".");
        }
    }

    private static void requireAtLeast(String flag, int value, int minimum) {
        if (value < minimum) {
            throw new BadInputException(flag + " must be at least " + minimum + ", got " + value + ".");
        }
    }
}
