package dev.layerbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Labelled examples held in plain Java arrays, independent of ND4J and of the training dtype.
 *
 * <p>Features are stored row-major as {@code float}: Fashion-MNIST's 70,000 × 784 pixels take 220 MB this way
 * (twice that as {@code double}), and the trainer converts once to the dtype under study. Labels are class
 * indices {@code 0..numClasses-1}; {@link #classNames()} says what each index meant in the source.
 *
 * @param source       where the rows came from, for provenance ("synthetic(seed=1, ...)", a file path)
 * @param features     row-major, {@code rows × columns}
 * @param labels       one class index per row
 * @param classNames   one name per class index
 * @param featureNames one name per column
 */
public record Dataset(String source, float[] features, int rows, int columns, int[] labels,
                      List<String> classNames, List<String> featureNames) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        if ((long) rows * columns != features.length) {
            throw new IllegalArgumentException(
                    "features hold " + features.length + " values, not rows × columns = " + rows + " × " + columns);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("labels hold " + labels.length + " values for " + rows + " rows");
        }
        if (featureNames.size() != columns) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + columns + " columns");
        }
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classNames.size() - 1));
            }
        }
    }

    public int numClasses() {
        return classNames.size();
    }

    /** How many rows carry each class index. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order, as a new dataset with the same classes and columns. */
    public Dataset select(int[] indices, String newSource) {
        float[] x = new float[indices.length * columns];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * columns, x, i * columns, columns);
            y[i] = labels[indices[i]];
        }
        return new Dataset(newSource, x, indices.length, columns, y, classNames, featureNames);
    }

    /** {@code prefix + 0 .. prefix + (count − 1)}: class names "0", "1", … or column names "x0", "x1", …. */
    static List<String> numberedNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + rows + " × " + columns + ", classes=" + classNames
                + ", counts=" + Arrays.toString(classCounts()) + "]";
    }
}
