package dev.layerbench.results;

import dev.layerbench.model.Labelled;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Is one row faster than another, and by how much: the ratio of medians with a 95% bootstrap interval (each side
 * resampled as in {@link SampleSummary}), the two-sided Mann–Whitney U test of their samples, and a verdict. "faster" or "slower" needs all three of: p &lt; {@link #ALPHA}, an effect of at least
 * {@link #MIN_EFFECT} (ratio ≤ 0.97 or ≥ 1.03), and a ratio interval that excludes 1 — overlapping evidence is
 * "same", meaning not distinguishable by this measurement, not equal.
 *
 * @param ratio median of the row over median of the reference (below 1: the row is faster)
 */
public record SpeedComparison(double ratio, double ratioLow, double ratioHigh, double pValue, Verdict verdict) {
    public static final double ALPHA = 0.01;
    public static final double MIN_EFFECT = 0.03;
    /**
     * commons-statistics' test, two-sided, its p-value exact where each side has fewer than 50 samples and no two
     * samples tie (its AUTO method; a row of the full preset has at most 30), the normal approximation with tie and
     * continuity corrections otherwise. commons-math3's, used before, has only the
     * approximation, which cannot reach p &lt; 0.01 at 4 samples against 6 even when none overlap (p = 0.0105; the
     * exact p is 2/210 = 0.0095): a row with two of its samples set aside for steal read "same" with an interval
     * that excluded 1 (benchmarks/NOTES.md, section 18).
     */
    private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();

    public enum Verdict implements Labelled {
        FASTER("faster"), SLOWER("slower"), SAME("same");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Whether the test was made: with fewer than two samples on a side it cannot be, and the verdict "same" is
     * then a default, not a finding.
     */
    public boolean judged() {
        return !Double.isNaN(pValue);
    }

    /** {@code row} against {@code reference}, each as samples by fork. */
    public static SpeedComparison of(List<List<Double>> row, List<List<Double>> reference) {
        double[] a = SampleSummary.pooled(row);
        double[] b = SampleSummary.pooled(reference);
        double ratio = SampleSummary.median(a.clone()) / SampleSummary.median(b.clone());
        if (a.length < 2 || b.length < 2) {
            return new SpeedComparison(ratio, Double.NaN, Double.NaN, Double.NaN, Verdict.SAME);
        }
        SplittableRandom rng = new SplittableRandom(SampleSummary.SEED);
        double[] rowMedians = SampleSummary.bootstrapMedians(row, rng);
        double[] referenceMedians = SampleSummary.bootstrapMedians(reference, rng);
        double[] ratios = new double[rowMedians.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = rowMedians[i] / referenceMedians[i];
        }
        Arrays.sort(ratios);
        double low = SampleSummary.percentile(ratios, 0.025);
        double high = SampleSummary.percentile(ratios, 0.975);
        double p = MANN_WHITNEY.test(a, b).getPValue();
        Verdict verdict = Verdict.SAME;
        if (p < ALPHA && ratio <= 1 - MIN_EFFECT && high < 1) {
            verdict = Verdict.FASTER;
        } else if (p < ALPHA && ratio >= 1 + MIN_EFFECT && low > 1) {
            verdict = Verdict.SLOWER;
        }
        return new SpeedComparison(ratio, low, high, p, verdict);
    }
}
