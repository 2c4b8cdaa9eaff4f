package dev.layerbench.train;

/**
 * Counts of examples by true class (row) and predicted class (column); immutable.
 *
 * <p>Every per-class metric in {@link Evaluation} is read off these counts, so they are kept for the report:
 * two models with the same accuracy can fail on very different classes.
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final int total;

    private ConfusionMatrix(int[][] counts, int total) {
        this.counts = counts;
        this.total = total;
    }

    /**
     * Tallies {@code labels[i]} against {@code predictions[i]}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, {@code numClasses < 1}, or an index lies
     *                                  outside {@code 0..numClasses-1}
     */
    public static ConfusionMatrix of(int[] labels, int[] predictions, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("A confusion matrix needs at least 1 class, but numClasses is "
                    + numClasses + ".");
        }
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("There are " + labels.length + " labels but " + predictions.length
                    + " predictions; they must match.");
        }
        Inputs.requireClassIndices(labels, numClasses, "label");
        Inputs.requireClassIndices(predictions, numClasses, "prediction");
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predictions[i]]++;
        }
        return new ConfusionMatrix(counts, labels.length);
    }

    public int numClasses() {
        return counts.length;
    }

    /** How many examples of class {@code trueClass} were predicted as {@code predictedClass}. */
    public int count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** How many examples were counted. */
    public int total() {
        return total;
    }

    /** How many examples were predicted as their true class (the diagonal). */
    public int correct() {
        int correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /** Examples of class {@code c} predicted as {@code c}. */
    public int truePositives(int c) {
        return counts[c][c];
    }

    /** Examples of other classes predicted as {@code c}. */
    public int falsePositives(int c) {
        return predictedCount(c) - counts[c][c];
    }

    /** Examples of class {@code c} predicted as something else. */
    public int falseNegatives(int c) {
        return support(c) - counts[c][c];
    }

    /** How many examples truly belong to class {@code c} (row sum). */
    public int support(int c) {
        int sum = 0;
        for (int predicted = 0; predicted < counts.length; predicted++) {
            sum += counts[c][predicted];
        }
        return sum;
    }

    /** How many examples were predicted as class {@code c} (column sum). */
    public int predictedCount(int c) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }
}
