package dev.layerbench.train;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties counting ½.
 *
 * <p>Computed as the Mann–Whitney statistic from ranks rather than by tracing the curve: sort once
 * (O(n log n)), give tied scores the mean of the ranks they span, and the positives' rank sum gives the count of
 * correctly ordered pairs. Mid-ranks are what make a tie worth exactly ½, which matters here because softmax
 * outputs of a saturated or untrained network tie often.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * AUC of the model's probabilities, matching scikit-learn's {@code roc_auc_score}.
     *
     * <p>With 2 classes, class 1 is the positive class and column 1 its score. With more, each class in turn is
     * scored by its own column against all others (one-vs-rest) and the AUCs are averaged with equal weight
     * (macro). Unlike scikit-learn, which refuses, classes that lack positives or negatives in {@code labels}
     * are left out of the average, because a small test split may miss a rare class.
     *
     * @return the AUC, or {@code NaN} when no class has both positives and negatives in {@code labels}
     * @throws IllegalArgumentException on mismatched lengths, {@code numClasses < 2}, a label out of range or a
     *                                  non-finite probability
     */
    public static double of(int[] labels, double[][] probabilities, int numClasses) {
        Inputs.requireValid(labels, probabilities, numClasses);
        if (numClasses == 2) {
            return oneVsRest(labels, probabilities, 1);
        }
        double sum = 0;
        int qualifying = 0;
        for (int c = 0; c < numClasses; c++) {
            double auc = oneVsRest(labels, probabilities, c);
            if (!Double.isNaN(auc)) {
                sum += auc;
                qualifying++;
            }
        }
        return qualifying == 0 ? Double.NaN : sum / qualifying;
    }

    /**
     * AUC of {@code scores} for telling positives from negatives.
     *
     * @return the AUC in [0, 1], or {@code NaN} when there are no positives or no negatives
     * @throws IllegalArgumentException if the arrays differ in length or a score is not finite
     */
    public static double binary(boolean[] positive, double[] scores) {
        if (positive.length != scores.length) {
            throw new IllegalArgumentException("There are " + positive.length + " positive flags but "
                    + scores.length + " scores; they must match.");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("Score " + i + " is " + scores[i] + "; scores must be finite.");
            }
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));

        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            // Positions start..end-1 hold one tied score; they share the mean of the 1-based ranks start+1..end.
            double midRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // The positives' ranks minus their own smallest possible sum counts the negatives ranked below each one.
        double pairsOrderedRight = positiveRankSum - positives * (positives + 1) / 2.0;
        return pairsOrderedRight / ((double) positives * negatives);
    }

    private static double oneVsRest(int[] labels, double[][] probabilities, int c) {
        boolean[] positive = new boolean[labels.length];
        double[] scores = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == c;
            scores[i] = probabilities[i][c];
        }
        return binary(positive, scores);
    }
}
