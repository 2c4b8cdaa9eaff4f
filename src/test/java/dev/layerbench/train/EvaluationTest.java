package dev.layerbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluationTest {
    private static final double DELTA = 1e-12;
    private static final double NAN = Double.NaN;

    /**
     * Confusion matrices (rows true, columns predicted) with every metric worked out by hand. F1 is computed as
     * 2TP / (support + predicted), which equals the harmonic mean of precision and recall.
     */
    static Stream<Arguments> confusionMatrices() {
        return Stream.of(
                // supports 4, 3, 3; predicted 5, 4, 1; correct 3 + 2 + 1 = 6 of 10.
                // precision 3/5, 2/4, 1/1; recall 3/4, 2/3, 1/3; F1 6/9, 4/7, 2/4.
                // balanced (3/4 + 2/3 + 1/3) / 3 = 7/12; macro-F1 (2/3 + 4/7 + 1/2) / 3 = (28 + 24 + 21) / 126.
                Arguments.of("three classes, all present",
                        new int[][] {{3, 1, 0}, {1, 2, 0}, {1, 1, 1}}, 6.0 / 10, 7.0 / 12,
                        new double[] {0.6, 0.5, 1.0}, new double[] {0.75, 2.0 / 3, 1.0 / 3},
                        new double[] {2.0 / 3, 4.0 / 7, 0.5}, 73.0 / 126),
                // Class 2 is never predicted: precision 0 (nothing predicted), recall 0/2, F1 0/(2 + 0).
                // precision 2/2, 2/4, 0; recall 1, 1, 0; F1 4/4, 4/6, 0; correct 4 of 6.
                // balanced (1 + 1 + 0) / 3 = 2/3; macro-F1 (1 + 2/3 + 0) / 3 = 5/9.
                Arguments.of("a class never predicted",
                        new int[][] {{2, 0, 0}, {0, 2, 0}, {0, 2, 0}}, 4.0 / 6, 2.0 / 3,
                        new double[] {1, 0.5, 0}, new double[] {1, 1, 0},
                        new double[] {1, 2.0 / 3, 0}, 5.0 / 9),
                // Class 2 is absent from the labels but predicted once: precision 0/1, recall and F1 NaN.
                // precision 2/2, 1/1, 0; recall 1, 1/2, NaN; F1 4/4, 2/3, NaN; correct 3 of 4.
                // balanced over classes 0, 1 only: (1 + 1/2) / 2 = 3/4;
                // macro-F1 over the union {0, 1, 2}, class 2 counting 0: (1 + 2/3 + 0) / 3 = 5/9.
                Arguments.of("a class absent from the labels but predicted",
                        new int[][] {{2, 0, 0}, {0, 1, 1}, {0, 0, 0}}, 3.0 / 4, 3.0 / 4,
                        new double[] {1, 1, 0}, new double[] {1, 0.5, NAN},
                        new double[] {1, 2.0 / 3, NAN}, 5.0 / 9),
                // Class 2 is in neither labels nor predictions, so it is left out of both averages.
                // precision 2/2, 2/3, 0; recall 2/3, 2/2, NaN; F1 4/5, 4/5, NaN; correct 4 of 5.
                // balanced (2/3 + 1) / 2 = 5/6; macro-F1 (4/5 + 4/5) / 2 = 4/5.
                Arguments.of("a class in neither labels nor predictions",
                        new int[][] {{2, 1, 0}, {0, 2, 0}, {0, 0, 0}}, 4.0 / 5, 5.0 / 6,
                        new double[] {1, 2.0 / 3, 0}, new double[] {2.0 / 3, 1, NAN},
                        new double[] {0.8, 0.8, NAN}, 0.8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("confusionMatrices")
    void metricsMatchHandComputation(String description, int[][] counts, double accuracy, double balancedAccuracy,
                                     double[] precision, double[] recall, double[] f1, double macroF1) {
        Evaluation evaluation = Examples.withConfusionMatrix(counts).evaluate();

        assertEquals(accuracy, evaluation.accuracy(), DELTA);
        assertEquals(balancedAccuracy, evaluation.balancedAccuracy(), DELTA);
        assertArrayEquals(precision, evaluation.precision(), DELTA);
        assertArrayEquals(recall, evaluation.recall(), DELTA);
        assertArrayEquals(f1, evaluation.f1(), DELTA);
        assertEquals(macroF1, evaluation.macroF1(), DELTA);
        assertFalse(evaluation.predictsOneClass());
    }

    @Test
    void confusionMatrixIsTheOneTheExamplesWereBuiltFrom() {
        int[][] counts = {{3, 1, 0}, {1, 2, 0}, {1, 1, 1}};
        ConfusionMatrix matrix = Examples.withConfusionMatrix(counts).evaluate().confusionMatrix();

        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(counts[t][p], matrix.count(t, p), "count(" + t + ", " + p + ")");
            }
        }
    }

    /** A network that collapsed onto the majority class: accuracy looks fine, balanced accuracy gives it away. */
    static Stream<Arguments> constantPredictors() {
        return Stream.of(
                // 5 + 3 + 2 = 10 examples, all predicted 0: accuracy 5/10 = majority share, recalls 1, 0, 0.
                Arguments.of(new int[][] {{5, 0, 0}, {3, 0, 0}, {2, 0, 0}}, 0.5, 1.0 / 3),
                // 92 + 8 = 100 examples, all predicted 0: accuracy 92/100, recalls 1, 0.
                Arguments.of(new int[][] {{92, 0}, {8, 0}}, 0.92, 0.5));
    }

    @ParameterizedTest
    @MethodSource("constantPredictors")
    void predictingOnlyTheMajorityClassScoresTheBaseline(int[][] counts, double majorityShare,
                                                          double oneOverK) {
        Evaluation evaluation = Examples.withConfusionMatrix(counts).evaluate();

        assertTrue(evaluation.predictsOneClass());
        assertEquals(majorityShare, evaluation.accuracy(), DELTA);
        assertEquals(majorityShare, evaluation.majorityBaseline(), DELTA);
        assertEquals(oneOverK, evaluation.balancedAccuracy(), DELTA);
    }

    @Test
    void majorityBaselineOfNinetyTwoToEightIsNinetyTwoPercent() {
        // 80 + 12 = 92 of class 0 and 3 + 5 = 8 of class 1; the model itself predicts both classes.
        Evaluation evaluation = Examples.withConfusionMatrix(new int[][] {{80, 12}, {3, 5}}).evaluate();

        assertArrayEquals(new int[] {92, 8}, evaluation.classCounts());
        assertEquals(0.92, evaluation.majorityBaseline(), DELTA);
        assertFalse(evaluation.predictsOneClass());
    }

    @Test
    void tiedProbabilitiesPredictTheLowestClass() {
        Evaluation evaluation = Evaluation.of(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.5, 0.5}}, 2);

        assertEquals(2, evaluation.confusionMatrix().predictedCount(0));
        assertTrue(evaluation.predictsOneClass());
    }

    @Test
    void logLossIsMeanNegativeLogOfTrueClassProbability() {
        // −(ln 0.5 + ln 0.25) / 2 = (ln 2 + 2 ln 2) / 2 = 1.5 ln 2 = 1.0397207708399179
        Evaluation evaluation = Evaluation.of(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.75, 0.25}}, 2);

        assertEquals(1.0397207708399179, evaluation.logLoss(), DELTA);
    }

    @Test
    void zeroProbabilityForTheTrueClassIsClippedNotInfinite() {
        // −ln(1e−15) = 15 ln 10 = 34.538776394910684
        Evaluation evaluation = Evaluation.of(new int[] {0}, new double[][] {{0.0, 1.0}}, 2);

        assertEquals(34.538776394910684, evaluation.logLoss(), DELTA);
    }

    @Test
    void arrayAccessorsReturnCopies() {
        Evaluation evaluation = Examples.withConfusionMatrix(new int[][] {{1, 0}, {0, 1}}).evaluate();

        evaluation.precision()[0] = 42;
        evaluation.classCounts()[0] = 42;

        assertEquals(1, evaluation.precision()[0]);
        assertEquals(1, evaluation.classCounts()[0]);
    }

    static Stream<Arguments> invalidInputs() {
        double[][] twoRows = {{0.4, 0.6}, {0.7, 0.3}};
        return Stream.of(
                Arguments.of(new int[] {0, 1}, twoRows, 1, "at least 2 classes"),
                Arguments.of(new int[0], new double[0][], 2, "labels is empty"),
                Arguments.of(new int[] {0, 1, 1}, twoRows, 2, "3 labels but 2 rows"),
                Arguments.of(new int[] {0, 1}, new double[][] {{0.4, 0.6}, {1.0}}, 2, "Row 1 of the probabilities"),
                Arguments.of(new int[] {0, 2}, twoRows, 2, "label at position 1 is 2"),
                Arguments.of(new int[] {-1, 0}, twoRows, 2, "label at position 0 is -1"),
                Arguments.of(new int[] {0, 1}, new double[][] {{0.4, 0.6}, {NAN, 0.3}}, 2, "class 0 in row 1 is NaN"),
                Arguments.of(new int[] {0, 1}, new double[][] {{0.4, Double.POSITIVE_INFINITY}, {0.7, 0.3}}, 2,
                        "class 1 in row 0 is Infinity"));
    }

    @ParameterizedTest
    @MethodSource("invalidInputs")
    void invalidInputIsRejectedWithAMessageNamingTheProblem(int[] labels, double[][] probabilities, int numClasses,
                                                            String messageFragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(labels, probabilities, numClasses));

        assertTrue(e.getMessage().contains(messageFragment), e.getMessage());
        assertTrue(e.getMessage().endsWith("."), e.getMessage());
    }
}
