package dev.layerbench.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedSplitTest {
    private static final Dataset IMBALANCED = Fixtures.rowIndexed(Fixtures.twoClassLabels(1000, 100));

    @Test
    void eachClassKeepsItsProportion() {
        DatasetSplit split = StratifiedSplit.split(IMBALANCED, 0.2, 1L);
        assertArrayEquals(new int[] {720, 80}, split.train().classCounts());
        assertArrayEquals(new int[] {180, 20}, split.test().classCounts());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        DatasetSplit a = StratifiedSplit.split(IMBALANCED, 0.2, 1L);
        assertArrayEquals(a.test().features(), StratifiedSplit.split(IMBALANCED, 0.2, 1L).test().features());
        assertFalse(Arrays.equals(a.test().features(),
                StratifiedSplit.split(IMBALANCED, 0.2, 2L).test().features()));
    }

    @Test
    void rowsKeepTheirOriginalOrderAndNoneIsLostOrRepeated() {
        DatasetSplit split = StratifiedSplit.split(IMBALANCED, 0.3, 3L);
        boolean[] seen = new boolean[IMBALANCED.rows()];
        for (Dataset part : new Dataset[] {split.train(), split.test()}) {
            float previous = -1;
            for (float row : part.features()) {
                assertTrue(row > previous, "rows out of order");
                assertFalse(seen[(int) row], "row " + row + " in both parts");
                seen[(int) row] = true;
                previous = row;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void everyClassKeepsATrainingRow() {
        // One row of class 1 and round(0.5·1) = 1 for test: it must stay in train all the same.
        Dataset data = Fixtures.rowIndexed(0, 0, 0, 0, 1, 2, 2);
        DatasetSplit split = StratifiedSplit.split(data, 0.5, 4L);
        assertArrayEquals(new int[] {2, 1, 1}, split.train().classCounts());
        assertArrayEquals(new int[] {2, 0, 1}, split.test().classCounts());
        assertEquals(split.train().classNames(), data.classNames());
    }

    @Test
    void testFractionMustBeStrictlyBetweenZeroAndOne() {
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertBadInput(() -> StratifiedSplit.split(IMBALANCED, bad, 1L), "--test-fraction must be in (0, 1)");
        }
    }
}
