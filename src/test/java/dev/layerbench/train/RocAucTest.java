package dev.layerbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RocAucTest {
    private static final double DELTA = 1e-12;

    /** AUC = (pairs with the positive scored higher + ½ · tied pairs) / (positives · negatives). */
    static Stream<Arguments> binaryCases() {
        return Stream.of(
                // Both positives above both negatives: 4 of 4 pairs.
                Arguments.of("perfect ranking", new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9}, 1.0),
                // Both positives below both negatives: 0 of 4 pairs.
                Arguments.of("reversed ranking", new int[] {1, 1, 0, 0}, new double[] {0.1, 0.2, 0.8, 0.9}, 0.0),
                // Every pair tied: 4 · ½ of 4 pairs.
                Arguments.of("all scores tied", new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5}, 0.5),
                // Mid-ranks 1, 2.5, 2.5, 4; positives' rank sum 2.5 + 4 = 6.5; (6.5 − 2·3/2) / (2·2) = 3.5/4.
                // By pairs: 0.8 beats both negatives (2), 0.4 beats 0.1 (1) and ties 0.4 (½): 3.5 of 4.
                Arguments.of("ties by hand", new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.4, 0.8}, 0.875),
                // Positives 0.2, 0.4 against negatives 0.1, 0.3: 0.2 beats 1, 0.4 beats 2: 3 of 4.
                Arguments.of("interleaved", new int[] {0, 1, 0, 1}, new double[] {0.1, 0.2, 0.3, 0.4}, 0.75));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binaryAucMatchesPairCounting(String description, int[] labels, double[] scores, double expected) {
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == 1;
        }

        assertEquals(expected, RocAuc.binary(positive, scores), DELTA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void twoClassModelIsScoredByColumnOne(String description, int[] labels, double[] scores, double expected) {
        double[][] probabilities = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = new double[] {1 - scores[i], scores[i]};
        }

        assertEquals(expected, RocAuc.of(labels, probabilities, 2), DELTA);
        assertEquals(expected, Evaluation.of(labels, probabilities, 2).rocAuc(), DELTA);
    }

    @Test
    void threeClassesAverageOneVsRestAucs() {
        int[] labels = {0, 0, 1, 1, 2, 2};
        double[][] probabilities = {
                {0.6, 0.3, 0.1},
                {0.3, 0.4, 0.3},
                {0.2, 0.5, 0.3},
                {0.4, 0.4, 0.2},
                {0.1, 0.2, 0.7},
                {0.3, 0.3, 0.4}};
        // Class 0: positives 0.6, 0.3 vs negatives 0.2, 0.4, 0.1, 0.3 → 0.6 beats 4; 0.3 beats 2, ties 1 → 6.5/8.
        // Class 1: positives 0.5, 0.4 vs negatives 0.3, 0.4, 0.2, 0.3 → 0.5 beats 4; 0.4 beats 3, ties 1 → 7.5/8.
        // Class 2: positives 0.7, 0.4 vs negatives 0.1, 0.3, 0.3, 0.2 → both beat all 4 → 8/8.
        // Macro: (0.8125 + 0.9375 + 1) / 3 = 2.75 / 3.
        assertEquals(2.75 / 3, RocAuc.of(labels, probabilities, 3), DELTA);
    }

    @Test
    void classWithoutPositivesIsLeftOutOfTheAverage() {
        int[] labels = {0, 0, 1, 1};
        double[][] probabilities = {
                {0.7, 0.2, 0.1},
                {0.4, 0.5, 0.1},
                {0.3, 0.6, 0.1},
                {0.5, 0.1, 0.4}};
        // Class 0: positives 0.7, 0.4 vs negatives 0.3, 0.5 → 0.7 beats 2, 0.4 beats 1 → 3/4.
        // Class 1: positives 0.6, 0.1 vs negatives 0.2, 0.5 → 0.6 beats 2, 0.1 beats 0 → 2/4.
        // Class 2 has no positives and is skipped: (3/4 + 2/4) / 2 = 0.625.
        assertEquals(0.625, RocAuc.of(labels, probabilities, 3), DELTA);
    }

    static Stream<Arguments> singleClassSets() {
        return Stream.of(
                Arguments.of(new int[] {1, 1, 1}, new double[][] {{0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}}, 2),
                Arguments.of(new int[] {2, 2}, new double[][] {{0.2, 0.3, 0.5}, {0.1, 0.1, 0.8}}, 3));
    }

    @ParameterizedTest
    @MethodSource("singleClassSets")
    void setWithOneClassHasNoAuc(int[] labels, double[][] probabilities, int numClasses) {
        assertEquals(Double.NaN, RocAuc.of(labels, probabilities, numClasses));
    }

    @Test
    void nonFiniteScoreIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(new boolean[] {false, true}, new double[] {0.1, Double.NaN}));
    }
}
