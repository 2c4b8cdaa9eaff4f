package dev.layerbench.results;

import dev.layerbench.results.SpeedComparison.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedComparisonTest {
    /** {@code forks} × {@code iterations} samples around {@code us}, normal with relative sd {@code sd}, seeded. */
    private static List<List<Double>> samples(double us, double sd, int forks, int iterations, long seed) {
        Random random = new Random(seed);
        List<List<Double>> byFork = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                fork.add(us * (1 + sd * random.nextGaussian()));
            }
            byFork.add(fork);
        }
        return byFork;
    }

    @Test
    void clearlySeparatedSamplesAreFasterWithAnIntervalBelowOne() {
        SpeedComparison c = SpeedComparison.of(samples(80, 0.01, 3, 5, 1), samples(100, 0.01, 3, 5, 2));

        assertEquals(Verdict.FASTER, c.verdict());
        assertTrue(c.judged());
        assertTrue(c.pValue() < SpeedComparison.ALPHA, "p = " + c.pValue());
        assertEquals(0.8, c.ratio(), 0.01);
        assertTrue(c.ratioLow() <= c.ratio() && c.ratio() <= c.ratioHigh() && c.ratioHigh() < 1, c.toString());
    }

    @Test
    void fourSamplesAgainstSixThatDoNotOverlapAreDistinguishable() {
        // the exact two-sided p: 2 of the C(10, 4) = 210 ways to rank them are this extreme; the normal
        // approximation gave 0.0105 and the verdict "same"
        SpeedComparison c = SpeedComparison.of(List.of(List.of(3.1, 3.3), List.of(3.0, 3.2)),
                List.of(List.of(97.0, 99.0, 101.0), List.of(95.0, 98.0, 100.0)));

        assertEquals(2.0 / 210, c.pValue(), 1e-12);
        assertEquals(Verdict.FASTER, c.verdict());
    }

    @Test
    void theRatioIsOfTheMediansRowOverReference() {
        SpeedComparison c = SpeedComparison.of(List.of(List.of(1.0, 130.0, 131.0)),
                List.of(List.of(99.0, 100.0, 1000.0)));

        assertEquals(1.3, c.ratio(), 1e-15);
    }

    @Test
    void samplesOfOneDistributionAreTheSame() {
        SpeedComparison c = SpeedComparison.of(samples(100, 0.02, 3, 5, 3), samples(100, 0.02, 3, 5, 4));

        assertEquals(Verdict.SAME, c.verdict());
        assertTrue(c.pValue() > SpeedComparison.ALPHA, "p = " + c.pValue());
        assertTrue(c.ratioLow() < 1 && c.ratioHigh() > 1, c.toString());
    }

    @Test
    void anEffectUnderThreePercentIsTheSameHoweverSmallP() {
        SpeedComparison c = SpeedComparison.of(samples(102, 0.001, 5, 20, 5), samples(100, 0.001, 5, 20, 6));

        assertTrue(c.pValue() < 1e-6, "the test alone would call it: p = " + c.pValue());
        assertTrue(c.ratioLow() > 1, "and the interval excludes 1: " + c);
        assertEquals(Verdict.SAME, c.verdict(), "but 2% is under the minimum effect");
    }

    @Test
    void withFewerThanTwoSamplesOnASideThereIsNoTest() {
        SpeedComparison c = SpeedComparison.of(List.of(List.of(130.0)), List.of(List.of(100.0, 101.0)));

        assertFalse(c.judged());
        assertEquals(1.3 / 1.005, c.ratio(), 1e-12);
        assertTrue(Double.isNaN(c.pValue()) && Double.isNaN(c.ratioLow()) && Double.isNaN(c.ratioHigh()));
    }

    @Test
    void theComparisonIsSeeded() {
        List<List<Double>> a = samples(90, 0.05, 3, 4, 7);
        List<List<Double>> b = samples(100, 0.05, 3, 4, 8);

        assertEquals(SpeedComparison.of(a, b), SpeedComparison.of(a, b));
    }
}
