package dev.layerbench.diagnose;

import dev.layerbench.data.Dataset;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.train.Evaluation;
import dev.layerbench.train.RocAuc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs that the test set is easier than the world: a single feature that predicts the class on its own, a
 * feature that is the class under another name, and test rows that also occur in the training set.
 *
 * <p>Single-feature score: with 2 classes, the test-set ROC-AUC of the feature's value used as the score,
 * folded to {@code max(auc, 1 − auc)} so a feature that predicts the class "backwards" counts as well. With more
 * classes, the test accuracy of a one-dimensional nearest-centroid rule: each class's mean of that feature on
 * the training set, and each test row is given the class whose mean is nearest its value. A feature is a suspect
 * when its score reaches {@link #SUSPECT_SCORE} (and, for K &gt; 2, beats the majority baseline, so that a
 * 96%-one-class problem does not flag every column).
 *
 * @param scores         every feature's single-feature score, highest first
 * @param scoreKind      "roc-auc" or "nearest-centroid-accuracy"
 * @param suspects       the features scoring at least {@link #SUSPECT_SCORE}, highest first
 * @param identicalToTarget features whose raw values map one-to-one to the class labels, over train and test
 * @param duplicateTestRows test rows whose raw features equal those of some training row
 * @param duplicateTestShare {@code duplicateTestRows} as a share of the test rows
 */
public record Leakage(List<FeatureScore> scores, String scoreKind, List<FeatureScore> suspects,
                      List<String> identicalToTarget, int duplicateTestRows, double duplicateTestShare) {

    /** A single feature that predicts this well on its own is more likely a leak than a discovery. */
    public static final double SUSPECT_SCORE = 0.95;

    /** One feature's single-feature score. */
    public record FeatureScore(String feature, double score) {
    }

    /**
     * @param raw          the data as read, for the exact identity and duplicate checks
     * @param scaled       the same split as the models see it, for the scores (a single column's score does not
     *                     depend on how that column is scaled)
     */
    public static Leakage measure(DatasetSplit raw, DatasetSplit scaled) {
        Dataset test = scaled.test();
        int k = test.numClasses();
        List<FeatureScore> scores = new ArrayList<>();
        double majority = Evaluation.majorityShare(test.classCounts());
        for (int j = 0; j < test.columns(); j++) {
            double score = k == 2 ? foldedAuc(test, j) : nearestCentroidAccuracy(scaled.train(), test, j);
            scores.add(new FeatureScore(test.featureNames().get(j), score));
        }
        scores.sort(Comparator.comparingDouble((FeatureScore s) -> -s.score()));
        List<FeatureScore> suspects = scores.stream()
                .filter(s -> s.score() >= SUSPECT_SCORE && (k == 2 || s.score() > majority))
                .toList();
        int duplicates = duplicateTestRows(raw);
        return new Leakage(scores, k == 2 ? "roc-auc" : "nearest-centroid-accuracy", suspects,
                identicalToTarget(raw), duplicates, (double) duplicates / raw.test().rows());
    }

    /** {@code max(auc, 1 − auc)} of column {@code j} as the score for class 1; NaN if the test set has one class. */
    static double foldedAuc(Dataset test, int j) {
        boolean[] positive = new boolean[test.rows()];
        double[] values = new double[test.rows()];
        for (int i = 0; i < test.rows(); i++) {
            positive[i] = test.labels()[i] == 1;
            values[i] = test.features()[i * test.columns() + j];
        }
        double auc = RocAuc.binary(positive, values);
        return Double.isNaN(auc) ? auc : Math.max(auc, 1 - auc);
    }

    /** Test accuracy of "the class whose training mean of column j is nearest" (classes absent in train: skipped). */
    static double nearestCentroidAccuracy(Dataset train, Dataset test, int j) {
        int k = train.numClasses();
        double[] sums = new double[k];
        int[] counts = new int[k];
        for (int i = 0; i < train.rows(); i++) {
            sums[train.labels()[i]] += train.features()[i * train.columns() + j];
            counts[train.labels()[i]]++;
        }
        int correct = 0;
        for (int i = 0; i < test.rows(); i++) {
            double value = test.features()[i * test.columns() + j];
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double distance = counts[c] == 0 ? Double.POSITIVE_INFINITY : Math.abs(value - sums[c] / counts[c]);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == test.labels()[i] ? 1 : 0;
        }
        return (double) correct / test.rows();
    }

    /**
     * Features whose raw values and the labels determine each other: every value belongs to one class and every
     * class has one value. Counted over train and test together.
     */
    static List<String> identicalToTarget(DatasetSplit raw) {
        List<String> identical = new ArrayList<>();
        for (int j = 0; j < raw.train().columns(); j++) {
            Map<Float, Integer> classOfValue = new HashMap<>();
            Float[] valueOfClass = new Float[raw.train().numClasses()];
            if (mapsOneToOne(raw.train(), j, classOfValue, valueOfClass)
                    && mapsOneToOne(raw.test(), j, classOfValue, valueOfClass)) {
                identical.add(raw.train().featureNames().get(j));
            }
        }
        return identical;
    }

    private static boolean mapsOneToOne(Dataset data, int j, Map<Float, Integer> classOfValue, Float[] valueOfClass) {
        for (int i = 0; i < data.rows(); i++) {
            // + 0.0f turns −0.0 into 0.0, which compare equal as numbers but not as boxed Floats.
            Float value = data.features()[i * data.columns() + j] + 0.0f;
            int label = data.labels()[i];
            Integer known = classOfValue.putIfAbsent(value, label);
            if (known != null && known != label) {
                return false;
            }
            if (valueOfClass[label] == null) {
                valueOfClass[label] = value;
            } else if (!valueOfClass[label].equals(value)) {
                return false;
            }
        }
        return true;
    }

    /** Test rows whose raw feature vector occurs, exactly, among the training rows (labels not compared). */
    static int duplicateTestRows(DatasetSplit raw) {
        Set<Row> trainRows = new HashSet<>();
        Dataset train = raw.train();
        for (int i = 0; i < train.rows(); i++) {
            trainRows.add(Row.of(train, i));
        }
        int duplicates = 0;
        Dataset test = raw.test();
        for (int i = 0; i < test.rows(); i++) {
            duplicates += trainRows.contains(Row.of(test, i)) ? 1 : 0;
        }
        return duplicates;
    }

    /** A view of one row's feature values, compared exactly as numbers (−0.0 equals 0.0; there is no NaN). */
    private record Row(float[] features, int offset, int columns, int hash) {
        static Row of(Dataset data, int i) {
            int offset = i * data.columns();
            int hash = 1;
            for (int j = 0; j < data.columns(); j++) {
                hash = 31 * hash + Float.floatToIntBits(data.features()[offset + j] + 0.0f);
            }
            return new Row(data.features(), offset, data.columns(), hash);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Row other) || hash != other.hash || columns != other.columns) {
                return false;
            }
            for (int j = 0; j < columns; j++) {
                if (features[offset + j] != other.features[other.offset + j]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
