package dev.layerbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    //            predicted 0  1  2
    // true 0:              2  1  0   support 3
    // true 1:              0  1  0   support 1
    // true 2:              1  1  0   support 2
    // predicted counts:    3  3  0
    private static final int[] LABELS = {0, 0, 0, 1, 2, 2};
    private static final int[] PREDICTIONS = {0, 0, 1, 1, 0, 1};

    @Test
    void countsTrueClassAgainstPredictedClass() {
        ConfusionMatrix matrix = ConfusionMatrix.of(LABELS, PREDICTIONS, 3);

        int[][] expected = {{2, 1, 0}, {0, 1, 0}, {1, 1, 0}};
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[t][p], matrix.count(t, p), "count(" + t + ", " + p + ")");
            }
        }
        assertEquals(3, matrix.numClasses());
        assertEquals(6, matrix.total());
        assertEquals(3, matrix.correct());
    }

    @Test
    void perClassCountsAreRowAndColumnSums() {
        ConfusionMatrix matrix = ConfusionMatrix.of(LABELS, PREDICTIONS, 3);

        int[] truePositives = {2, 1, 0};
        int[] falsePositives = {3 - 2, 3 - 1, 0};
        int[] falseNegatives = {3 - 2, 1 - 1, 2 - 0};
        int[] support = {3, 1, 2};
        int[] predicted = {3, 3, 0};
        for (int c = 0; c < 3; c++) {
            assertEquals(truePositives[c], matrix.truePositives(c), "true positives of class " + c);
            assertEquals(falsePositives[c], matrix.falsePositives(c), "false positives of class " + c);
            assertEquals(falseNegatives[c], matrix.falseNegatives(c), "false negatives of class " + c);
            assertEquals(support[c], matrix.support(c), "support of class " + c);
            assertEquals(predicted[c], matrix.predictedCount(c), "predicted count of class " + c);
        }
    }

    @Test
    void rejectsPredictionOutsideTheClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 3}, 3));

        assertTrue(e.getMessage().contains("prediction at position 1 is 3"), e.getMessage());
    }

    @Test
    void rejectsLabelsAndPredictionsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));

        assertTrue(e.getMessage().contains("2 labels but 1 predictions"), e.getMessage());
    }
}
