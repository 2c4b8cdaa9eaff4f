package dev.layerbench.train;

/** Argument checks shared by the metrics, so every entry point rejects bad input with the same sentences. */
final class Inputs {
    private Inputs() {
    }

    /** Checks labels against an {@code n × numClasses} matrix of finite probabilities, with {@code n ≥ 1}. */
    static void requireValid(int[] labels, double[][] probabilities, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(
                    "A classifier needs at least 2 classes, but numClasses is " + numClasses + ".");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("There are no examples to evaluate: labels is empty.");
        }
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException("There are " + labels.length + " labels but "
                    + probabilities.length + " rows of probabilities; they must match.");
        }
        requireClassIndices(labels, numClasses, "label");
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            if (row.length != numClasses) {
                throw new IllegalArgumentException("Row " + i + " of the probabilities has " + row.length
                        + " columns, not one per class (" + numClasses + ").");
            }
            for (int c = 0; c < numClasses; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("The probability of class " + c + " in row " + i + " is "
                            + row[c] + "; the model must produce finite probabilities.");
                }
            }
        }
    }

    /** Checks that every entry of {@code indices} is a class index {@code 0..numClasses-1}. */
    static void requireClassIndices(int[] indices, int numClasses, String what) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= numClasses) {
                throw new IllegalArgumentException("The " + what + " at position " + i + " is " + indices[i]
                        + ", outside the class indices 0.." + (numClasses - 1) + ".");
            }
        }
    }
}
