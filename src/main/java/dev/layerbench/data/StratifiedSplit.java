package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Holds out a test set with the same class proportions as the whole, so a rare class (8% of rows, say) is
 * neither missing from the test set nor over-represented in it by chance.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /**
     * Per class, {@code round(testFraction·count)} randomly chosen rows go to test, the rest to train, but every
     * class keeps at least one training row. Both parts keep the rows in their original order.
     */
    public static DatasetSplit split(Dataset data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new BadInputException("--test-fraction must be in (0, 1), got "
                    + Numbers.format(testFraction) + ".");
        }
        boolean[] inTest = new boolean[data.rows()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] rows : rowsByClass(data)) {
            Shuffle.first(rows, rows.length, random);
            int testRows = Math.min((int) Math.round(testFraction * rows.length), rows.length - 1);
            for (int i = 0; i < testRows; i++) {
                inTest[rows[i]] = true;
            }
        }
        int testCount = 0;
        for (boolean test : inTest) {
            testCount += test ? 1 : 0;
        }
        int[] train = new int[data.rows() - testCount];
        int[] test = new int[testCount];
        int trainAt = 0;
        int testAt = 0;
        for (int row = 0; row < inTest.length; row++) {
            if (inTest[row]) {
                test[testAt++] = row;
            } else {
                train[trainAt++] = row;
            }
        }
        String how = String.format(Locale.US, "stratified, test-fraction=%s, seed=%d",
                Numbers.format(testFraction), seed);
        return new DatasetSplit(data.select(train, data.source() + " [train: " + how + "]"),
                data.select(test, data.source() + " [test: " + how + "]"));
    }

    private static int[][] rowsByClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] rows = new int[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            rows[k] = new int[counts[k]];
        }
        int[] filled = new int[counts.length];
        int[] labels = data.labels();
        for (int row = 0; row < labels.length; row++) {
            rows[labels[row]][filled[labels[row]]++] = row;
        }
        return rows;
    }
}
