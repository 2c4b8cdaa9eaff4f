package dev.layerbench.data;

import java.util.SplittableRandom;

/** The one Fisher–Yates shuffle that labels, splits, label noise and the trainer's epochs all share. */
public final class Shuffle {
    private Shuffle() {
    }

    /**
     * Permutes {@code values} so that its first {@code count} slots hold a uniformly random sample of the values,
     * in random order; {@code count = values.length} shuffles the whole array. Stopping early saves the random
     * draws nobody will look at.
     */
    public static void first(int[] values, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(values.length - i);
            int swap = values[j];
            values[j] = values[i];
            values[i] = swap;
        }
    }

    /** A uniformly random ordering of {@code 0..n-1}. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        first(order, n, random);
        return order;
    }
}
