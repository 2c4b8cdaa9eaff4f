package dev.layerbench.train;

/**
 * One metric over repeated runs (seeds, folds): how many, their mean, sample standard deviation, min and max.
 *
 * <p>A single run says little about an initialisation scheme; the spread across seeds says whether a
 * difference between two schemes is larger than the noise.
 *
 * @param count     how many runs
 * @param mean      arithmetic mean
 * @param sampleStd standard deviation with the n − 1 denominator; {@code NaN} for a single run, where it is
 *                  undefined
 * @param min       smallest value
 * @param max       largest value
 */
public record MetricSummary(int count, double mean, double sampleStd, double min, double max) {

    /**
     * Summarises {@code values}. A {@code NaN} among them (an AUC with one class present, say) makes every
     * statistic but the count {@code NaN}, so a missing value cannot hide in an average.
     *
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static MetricSummary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("A metric summary needs at least one value, but none were given.");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        // Two passes: summing squared deviations from the mean avoids the cancellation of sum(x²) − n·mean².
        double squaredDeviations = 0;
        for (double v : values) {
            squaredDeviations += (v - mean) * (v - mean);
        }
        double sampleStd = values.length > 1 ? Math.sqrt(squaredDeviations / (values.length - 1)) : Double.NaN;
        return new MetricSummary(values.length, mean, sampleStd, min, max);
    }
}
