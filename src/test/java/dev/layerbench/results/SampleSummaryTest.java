package dev.layerbench.results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSummaryTest {
    @Test
    void medianMeanAndCvOfKnownSamples() {
        SampleSummary s = SampleSummary.of(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)));

        assertEquals(2, s.forks());
        assertEquals(6, s.samples());
        assertEquals(3.5, s.medianUs(), 0.0, "the mean of the two middle samples");
        assertEquals(3.5, s.meanUs(), 0.0);
        assertEquals(Math.sqrt(3.5) / 3.5, s.cv(), 1e-12, "sample sd (n − 1) over the mean");
        assertTrue(s.ciLowUs() >= 1 && s.ciLowUs() <= 3.5 && s.ciHighUs() >= 3.5 && s.ciHighUs() <= 6,
                s.toString());
    }

    @Test
    void samplesThatAllAgreeHaveAnIntervalOfWidthZero() {
        SampleSummary s = SampleSummary.of(List.of(List.of(10.0, 10.0), List.of(10.0, 10.0, 10.0)));

        assertEquals(10.0, s.ciLowUs(), 0.0);
        assertEquals(10.0, s.ciHighUs(), 0.0);
        assertEquals(0.0, s.relativeHalfWidth(), 0.0);
    }

    @Test
    void theRelativeHalfWidthIsTheFartherEndOverTheMedian() {
        SampleSummary s = SampleSummary.of(List.of(List.of(90.0, 100.0, 101.0), List.of(99.0, 130.0, 100.5),
                List.of(98.0, 100.2, 102.0)));

        double farther = Math.max(s.medianUs() - s.ciLowUs(), s.ciHighUs() - s.medianUs());
        assertEquals(farther / s.medianUs(), s.relativeHalfWidth(), 1e-15);
        assertTrue(s.relativeHalfWidth() > 0, s.toString());
    }

    @Test
    void theIntervalIsSeededTheSameSamplesGiveTheSameInterval() {
        List<List<Double>> samples = List.of(List.of(3.0, 1.0, 4.0, 1.5), List.of(5.0, 9.0, 2.6), List.of(5.3, 5.8));

        assertEquals(SampleSummary.of(samples), SampleSummary.of(samples));
    }

    @Test
    void percentilesInterpolateAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(2.5, SampleSummary.percentile(sorted, 0.5), 1e-15);
        assertEquals(1.075, SampleSummary.percentile(sorted, 0.025), 1e-15);
        assertEquals(3.925, SampleSummary.percentile(sorted, 0.975), 1e-15);
    }

    @Test
    void oneSampleHasAMedianButNoIntervalAndNoCv() {
        SampleSummary s = SampleSummary.of(List.of(List.of(7.0)));

        assertEquals(7.0, s.medianUs(), 0.0);
        assertTrue(Double.isNaN(s.ciLowUs()) && Double.isNaN(s.ciHighUs()) && Double.isNaN(s.cv())
                && Double.isNaN(s.relativeHalfWidth()), s.toString());
    }

    @Test
    void noSampleIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(List.of(List.of())));
    }

    /**
     * Why the interval draws forks first: one fork in five ran 50% slower (another JVM's JIT decisions, a
     * neighbour's load). Resampling the pooled iterations treats its ten samples as ten independent chances and
     * keeps the median near 100; resampling forks sees that a re-run may well meet such a fork more than once.
     */
    @Test
    void aSlowForkWidensTheTwoLevelIntervalWhereThePooledOneIgnoresIt() {
        List<List<Double>> forks = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            double level = f == 4 ? 150 : 100;
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                fork.add(level * (1 + 0.001 * (i - 4.5)));
            }
            forks.add(fork);
        }
        List<Double> pooled = forks.stream().flatMap(List::stream).toList();

        SampleSummary twoLevel = SampleSummary.of(forks);
        SampleSummary oneLevel = SampleSummary.of(List.of(pooled));

        assertEquals(oneLevel.medianUs(), twoLevel.medianUs(), 0.0, "the same samples, the same median");
        assertTrue(oneLevel.ciHighUs() < 101, "pooled: " + oneLevel);
        assertTrue(twoLevel.ciHighUs() > 140, "forks first: " + twoLevel);
        assertTrue(twoLevel.relativeHalfWidth() > 10 * oneLevel.relativeHalfWidth(), twoLevel + " vs " + oneLevel);
    }
}
