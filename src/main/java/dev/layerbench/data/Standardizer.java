package dev.layerbench.data;

/**
 * Scales every column to mean 0 and standard deviation 1 using statistics of the training rows only.
 *
 * <p>Fitting on the test rows too would leak their distribution into training; fitting each part on its own
 * would move the two parts differently. So: {@link #fit} on train, {@link #apply} to both.
 */
public final class Standardizer {
    private final double[] means;
    private final double[] stds;

    private Standardizer(double[] means, double[] stds) {
        this.means = means;
        this.stds = stds;
    }

    /** Per-column mean and population standard deviation, accumulated in double. */
    public static Standardizer fit(Dataset train) {
        int columns = train.columns();
        float[] x = train.features();
        double[] means = new double[columns];
        for (int row = 0; row < train.rows(); row++) {
            for (int j = 0; j < columns; j++) {
                means[j] += x[row * columns + j];
            }
        }
        for (int j = 0; j < columns; j++) {
            means[j] /= train.rows();
        }
        // Second pass over the centred values: the one-pass E[x²] − E[x]² loses all digits on large offsets.
        double[] stds = new double[columns];
        for (int row = 0; row < train.rows(); row++) {
            for (int j = 0; j < columns; j++) {
                double centred = x[row * columns + j] - means[j];
                stds[j] += centred * centred;
            }
        }
        for (int j = 0; j < columns; j++) {
            stds[j] = Math.sqrt(stds[j] / train.rows());
        }
        return new Standardizer(means, stds);
    }

    /** Fits on {@code split.train()} and applies the result to both parts. */
    public static DatasetSplit standardize(DatasetSplit split) {
        Standardizer standardizer = fit(split.train());
        return new DatasetSplit(standardizer.apply(split.train()), standardizer.apply(split.test()));
    }

    /** {@code (x − mean) / std} per column; a constant column (std 0) is only centred. */
    public Dataset apply(Dataset data) {
        int columns = means.length;
        if (data.columns() != columns) {
            throw new IllegalArgumentException("fitted on " + columns + " columns, applied to " + data.columns());
        }
        float[] x = data.features();
        float[] scaled = new float[x.length];
        for (int row = 0; row < data.rows(); row++) {
            for (int j = 0; j < columns; j++) {
                double std = stds[j] == 0 ? 1 : stds[j];
                scaled[row * columns + j] = (float) ((x[row * columns + j] - means[j]) / std);
            }
        }
        return new Dataset(data.source() + " [standardised on train]", scaled, data.rows(), columns, data.labels(),
                data.classNames(), data.featureNames());
    }

    /** The training mean of each column. */
    public double[] means() {
        return means.clone();
    }

    /** The training population standard deviation of each column (0 for a constant column). */
    public double[] stds() {
        return stds.clone();
    }
}
