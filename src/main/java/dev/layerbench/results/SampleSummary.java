package dev.layerbench.results;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What one row's raw samples say: median, mean, coefficient of variation, and a 95% interval of the median.
 *
 * <p>The interval is a two-level (hierarchical) percentile bootstrap: each resample draws forks with replacement,
 * then iterations with replacement within each drawn fork, and takes the median of the pooled draw. Pooling the
 * iterations alone would treat them as independent and ignore what differs between JVMs (JIT decisions, memory
 * layout, a neighbour's load during one fork), which on this kind of machine is most of the noise; drawing forks
 * first keeps that spread in the interval. The generator is seeded, so the same samples give the same interval.
 *
 * @param relativeHalfWidth the larger distance from the median to an end of its interval, over the median: what
 *                          the precision target (5%) is checked against
 */
public record SampleSummary(int forks, int samples, double medianUs, double meanUs, double ciLowUs, double ciHighUs,
                            double cv, double relativeHalfWidth) {
    /** Bootstrap resamples per interval: 2000 keeps the 2.5% and 97.5% percentiles steady to a few tenths of a %. */
    static final int RESAMPLES = 2000;
    static final long SEED = 20261201L;

    /** @param samplesByFork one list per fork, one µs/op figure per measurement iteration */
    public static SampleSummary of(List<List<Double>> samplesByFork) {
        double[] all = pooled(samplesByFork);
        if (all.length == 0) {
            throw new IllegalArgumentException("a row needs at least one sample");
        }
        DescriptiveStatistics stats = new DescriptiveStatistics(all);
        double median = median(all);
        double mean = stats.getMean();
        double cv = all.length > 1 ? stats.getStandardDeviation() / mean : Double.NaN;
        if (all.length < 2) {
            return new SampleSummary(samplesByFork.size(), all.length, median, mean, Double.NaN, Double.NaN, cv,
                    Double.NaN);
        }
        double[] medians = bootstrapMedians(samplesByFork, new SplittableRandom(SEED));
        java.util.Arrays.sort(medians);
        double low = percentile(medians, 0.025);
        double high = percentile(medians, 0.975);
        double halfWidth = Math.max(median - low, high - median) / median;
        return new SampleSummary(samplesByFork.size(), all.length, median, mean, low, high, cv, halfWidth);
    }

    /** {@link #RESAMPLES} medians of two-level resamples of {@code samplesByFork}. */
    static double[] bootstrapMedians(List<List<Double>> samplesByFork, SplittableRandom rng) {
        double[][] forks = samplesByFork.stream().filter(f -> !f.isEmpty())
                .map(f -> f.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
        int total = 0;
        for (double[] f : forks) {
            total += f.length;
        }
        double[] medians = new double[RESAMPLES];
        double[] draw = new double[total];
        for (int r = 0; r < RESAMPLES; r++) {
            int n = 0;
            for (int f = 0; f < forks.length; f++) {
                double[] fork = forks[rng.nextInt(forks.length)];
                for (int i = 0; i < fork.length && n < total; i++) {
                    draw[n++] = fork[rng.nextInt(fork.length)];
                }
            }
            medians[r] = median(java.util.Arrays.copyOf(draw, n));
        }
        return medians;
    }

    static double[] pooled(List<List<Double>> samplesByFork) {
        return samplesByFork.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    /** The median (mean of the two middle values for an even count); sorts {@code values} in place. */
    static double median(double[] values) {
        java.util.Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The {@code p} quantile of sorted values, linearly interpolated (Hyndman & Fan type 7, numpy's default). */
    static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
