package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.SplittableRandom;

/**
 * Replaces a given fraction of labels with wrong ones, to measure how training copes with mislabelled data.
 *
 * <p>The number of flipped rows is exact, {@code round(rate·n)}, rather than each row flipping with probability
 * {@code rate}: two runs at the same rate then differ only in which rows were hit, not in how many.
 */
public final class LabelNoise {
    private LabelNoise() {
    }

    /**
     * A copy of {@code labels} in which {@code round(rate·n)} rows, chosen at random, carry a different class
     * drawn uniformly from the other {@code numClasses − 1}.
     */
    public static int[] flip(int[] labels, int numClasses, double rate, long seed) {
        checkRate(rate);
        if (numClasses < 2) {
            throw new IllegalArgumentException("label noise needs at least 2 classes, got " + numClasses);
        }
        int[] noisy = labels.clone();
        int n = labels.length;
        int flips = (int) Math.round(rate * n);
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Shuffle.first(rows, flips, random);
        for (int i = 0; i < flips; i++) {
            int row = rows[i];
            // Draw among K−1 classes and skip over the true one, so every wrong class is equally likely.
            int other = random.nextInt(numClasses - 1);
            noisy[row] = other >= labels[row] ? other + 1 : other;
        }
        return noisy;
    }

    /** The rate must leave most labels right; at 1 no row would keep its class. */
    static void checkRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new BadInputException("--label-noise must be in [0, 1), got " + Numbers.format(rate) + ".");
        }
    }
}
