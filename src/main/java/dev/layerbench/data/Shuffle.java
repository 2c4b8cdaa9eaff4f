package dev.layerbench.data;

import java.util.SplittableRandom;

/** The one Fisher–Yates shuffle that labels, splits and label noise all share. */
final class Shuffle {
    private Shuffle() {
    }

    /**
     * Permutes {@code values} so that its first {@code count} slots hold a uniformly random sample of the values,
     * in random order; {@code count = values.length} shuffles the whole array. Stopping early saves the random
     * draws nobody will look at.
     */
    static void first(int[] values, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(values.length - i);
            int swap = values[j];
            values[j] = values[i];
            values[i] = swap;
        }
    }
}
