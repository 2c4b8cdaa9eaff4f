package dev.layerbench.train;

import java.util.Arrays;

/** Labels and probabilities for tests, built to produce a chosen confusion matrix. */
record Examples(int[] labels, double[][] probabilities, int numClasses) {

    /**
     * {@code counts[t][p]} examples of true class {@code t} predicted as {@code p}: each gets 0.6 on {@code p}
     * and the remaining 0.4 shared by the other classes, so the argmax is {@code p} for any K ≥ 2.
     */
    static Examples withConfusionMatrix(int[][] counts) {
        int k = counts.length;
        int n = 0;
        for (int[] row : counts) {
            for (int count : row) {
                n += count;
            }
        }
        int[] labels = new int[n];
        double[][] probabilities = new double[n][];
        int i = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < counts[t][p]; j++) {
                    labels[i] = t;
                    probabilities[i] = new double[k];
                    Arrays.fill(probabilities[i], 0.4 / (k - 1));
                    probabilities[i][p] = 0.6;
                    i++;
                }
            }
        }
        return new Examples(labels, probabilities, k);
    }

    Evaluation evaluate() {
        return Evaluation.of(labels, probabilities, numClasses);
    }
}
