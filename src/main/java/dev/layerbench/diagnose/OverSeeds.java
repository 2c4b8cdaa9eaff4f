package dev.layerbench.diagnose;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * One measurement repeated with {@link Diagnosis#CURVE_SEEDS} seeds: its mean, sample standard deviation and
 * range. A single run of a small model can be a lucky or unlucky draw; the range is what a band on a curve shows.
 * A diverged run (NaN) makes every field NaN: there is no accuracy to average.
 *
 * @param sd sample standard deviation (n − 1)
 */
public record OverSeeds(double mean, double sd, double low, double high, int seeds) {
    public static OverSeeds of(double[] values) {
        DescriptiveStatistics stats = new DescriptiveStatistics(values);
        return new OverSeeds(stats.getMean(), stats.getStandardDeviation(), stats.getMin(), stats.getMax(),
                values.length);
    }
}
