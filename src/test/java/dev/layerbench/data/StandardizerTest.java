package dev.layerbench.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardizerTest {
    private static Dataset twoColumns(float[] x) {
        return new Dataset("t", x, x.length / 2, 2, new int[x.length / 2], List.of("0", "1"), List.of("a", "b"));
    }

    @Test
    void trainColumnsGetMeanZeroAndStdOne() {
        Dataset train = SyntheticGenerator.generate(SyntheticSpec.defaults());
        Dataset scaled = Standardizer.fit(train).apply(train);
        Standardizer again = Standardizer.fit(scaled);
        for (int j = 0; j < scaled.columns(); j++) {
            assertEquals(0, again.means()[j], 1e-5);
            assertEquals(1, again.stds()[j], 1e-5);
        }
    }

    @Test
    void testRowsUseTheTrainingStatistics() {
        // Column a: mean 2, population std 1 (values 1 and 3); column b: constant 5.
        Standardizer fitted = Standardizer.fit(twoColumns(new float[] {1, 5, 3, 5}));
        assertArrayEquals(new double[] {2, 5}, fitted.means(), 0);
        assertArrayEquals(new double[] {1, 0}, fitted.stds(), 0);
        Dataset test = fitted.apply(twoColumns(new float[] {4, 5, 0, 7}));
        assertArrayEquals(new float[] {2, 0, -2, 2}, test.features(), 0);
    }

    @Test
    void standardizeFitsOnTrainAndKeepsLabelsAndNames() {
        DatasetSplit split = new DatasetSplit(twoColumns(new float[] {1, 5, 3, 5}),
                twoColumns(new float[] {2, 6, 2, 6}));
        DatasetSplit scaled = Standardizer.standardize(split);
        assertArrayEquals(new float[] {-1, 0, 1, 0}, scaled.train().features(), 0);
        assertArrayEquals(new float[] {0, 1, 0, 1}, scaled.test().features(), 0);
        assertEquals(List.of("a", "b"), scaled.test().featureNames());
    }
}
