package dev.layerbench.train;

/**
 * A classifier's scores on one evaluated set, computed once from the true labels and the predicted
 * probabilities; immutable (array accessors return copies).
 *
 * <p>The predicted class of an example is the column with the highest probability, the lowest index winning a
 * tie. Definitions follow scikit-learn with {@code zero_division=0}, so every number can be checked there:
 * <ul>
 *   <li>Precision of a class that is never predicted is 0.</li>
 *   <li>Recall, and therefore F1, of a class absent from the labels is {@code NaN}: nothing was there to
 *       find, and 0 would wrongly read as "all missed".</li>
 *   <li>Balanced accuracy is the mean recall over the classes present in the labels.</li>
 *   <li>Macro-F1 is the mean F1 over the classes present in the labels or the predictions; a class that is
 *       only predicted counts with F1 = 0, a class in neither is left out.</li>
 * </ul>
 * Accuracy is read next to {@link #majorityBaseline()} and {@link #predictsOneClass()} because on imbalanced
 * data a network that collapsed to the majority class still scores a high accuracy.
 */
public final class Evaluation {
    /**
     * Probabilities are clipped to [{@value}, 1 − {@value}] before the logarithm, as scikit-learn does, so one
     * confident mistake adds about 34.5 to the sum instead of making the log-loss infinite.
     */
    public static final double LOG_LOSS_CLIP = 1e-15;

    private final ConfusionMatrix confusionMatrix;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final double accuracy;
    private final double balancedAccuracy;
    private final double macroF1;
    private final double rocAuc;
    private final double logLoss;

    private Evaluation(ConfusionMatrix confusionMatrix, double rocAuc, double logLoss) {
        this.confusionMatrix = confusionMatrix;
        this.rocAuc = rocAuc;
        this.logLoss = logLoss;
        int k = confusionMatrix.numClasses();
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        double recallSum = 0;
        int classesInLabels = 0;
        double f1Sum = 0;
        int classesInLabelsOrPredictions = 0;
        for (int c = 0; c < k; c++) {
            int truePositives = confusionMatrix.truePositives(c);
            int support = confusionMatrix.support(c);
            int predicted = confusionMatrix.predictedCount(c);
            precision[c] = predicted == 0 ? 0 : (double) truePositives / predicted;
            recall[c] = support == 0 ? Double.NaN : (double) truePositives / support;
            // 2TP / (2TP + FP + FN) is the harmonic mean of precision and recall without dividing by zero twice.
            f1[c] = support == 0 ? Double.NaN : 2.0 * truePositives / (support + predicted);
            if (support > 0) {
                recallSum += recall[c];
                classesInLabels++;
            }
            if (support > 0 || predicted > 0) {
                f1Sum += support > 0 ? f1[c] : 0;
                classesInLabelsOrPredictions++;
            }
        }
        accuracy = (double) confusionMatrix.correct() / confusionMatrix.total();
        balancedAccuracy = recallSum / classesInLabels;
        macroF1 = f1Sum / classesInLabelsOrPredictions;
    }

    /**
     * Evaluates {@code probabilities} (one row of {@code numClasses} class probabilities per example) against
     * {@code labels}. A binary model passes two columns, {@code [1 − p, p]}.
     *
     * @throws IllegalArgumentException if there are no examples, {@code numClasses < 2}, the lengths or row
     *                                  widths disagree, a label is out of range or a probability is not finite
     *                                  (a NaN here is a bug upstream, not a result to report)
     */
    public static Evaluation of(int[] labels, double[][] probabilities, int numClasses) {
        Inputs.requireValid(labels, probabilities, numClasses);
        ConfusionMatrix confusionMatrix = ConfusionMatrix.of(labels, predictedClasses(probabilities), numClasses);
        return new Evaluation(confusionMatrix, RocAuc.of(labels, probabilities, numClasses),
                logLoss(labels, probabilities));
    }

    private static int[] predictedClasses(double[][] probabilities) {
        int[] predictions = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            predictions[i] = best;
        }
        return predictions;
    }

    private static double logLoss(int[] labels, double[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i][labels[i]], LOG_LOSS_CLIP), 1 - LOG_LOSS_CLIP);
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    public int numClasses() {
        return confusionMatrix.numClasses();
    }

    public ConfusionMatrix confusionMatrix() {
        return confusionMatrix;
    }

    /** Share of examples whose predicted class is the true class. */
    public double accuracy() {
        return accuracy;
    }

    /** Mean recall over the classes present in the labels; 1/K for a constant predictor when all K are. */
    public double balancedAccuracy() {
        return balancedAccuracy;
    }

    /** Per class: share of the examples predicted as it that truly are it; 0 for a class never predicted. */
    public double[] precision() {
        return precision.clone();
    }

    /** Per class: share of its examples predicted as it; {@code NaN} for a class absent from the labels. */
    public double[] recall() {
        return recall.clone();
    }

    /** Per class: harmonic mean of precision and recall; {@code NaN} for a class absent from the labels. */
    public double[] f1() {
        return f1.clone();
    }

    /** Mean F1 over the classes present in the labels or the predictions (see the class comment). */
    public double macroF1() {
        return macroF1;
    }

    /** See {@link RocAuc#of}; {@code NaN} when no class has both positives and negatives here. */
    public double rocAuc() {
        return rocAuc;
    }

    /** Mean of −ln(probability given to the true class), the probability clipped by {@link #LOG_LOSS_CLIP}. */
    public double logLoss() {
        return logLoss;
    }

    /** How many examples of each class the evaluated set holds. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = confusionMatrix.support(c);
        }
        return counts;
    }

    /** Share of the most frequent class: the accuracy of always predicting it. */
    public double majorityBaseline() {
        return majorityShare(classCounts());
    }

    /** The share of the largest count: what a constant predictor of the most frequent class scores. */
    public static double majorityShare(int[] classCounts) {
        int largest = 0;
        long total = 0;
        for (int count : classCounts) {
            largest = Math.max(largest, count);
            total += count;
        }
        return (double) largest / total;
    }

    /** Whether every example was predicted as the same class, the sign of a collapsed network. */
    public boolean predictsOneClass() {
        int classesPredicted = 0;
        for (int c = 0; c < numClasses(); c++) {
            if (confusionMatrix.predictedCount(c) > 0) {
                classesPredicted++;
            }
        }
        return classesPredicted == 1;
    }
}
