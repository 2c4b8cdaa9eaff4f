package dev.layerbench.train;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    private static final double DELTA = 1e-12;

    @Test
    void summarisesRuns() {
        // mean 10/4 = 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sample std √(5/3) = 1.2909944487358056
        MetricSummary summary = MetricSummary.of(1, 2, 3, 4);

        assertAll(
                () -> assertEquals(4, summary.count()),
                () -> assertEquals(2.5, summary.mean(), DELTA),
                () -> assertEquals(1.2909944487358056, summary.sampleStd(), DELTA),
                () -> assertEquals(1, summary.min()),
                () -> assertEquals(4, summary.max()));
    }

    @Test
    void singleRunHasNoSampleStd() {
        MetricSummary summary = MetricSummary.of(0.7);

        assertEquals(new MetricSummary(1, 0.7, Double.NaN, 0.7, 0.7), summary);
    }

    @Test
    void missingValueIsNotAveragedAway() {
        MetricSummary summary = MetricSummary.of(0.5, Double.NaN, 0.9);

        assertEquals(new MetricSummary(3, Double.NaN, Double.NaN, Double.NaN, Double.NaN), summary);
    }

    @Test
    void noValuesIsRejected() {
        assertThrows(IllegalArgumentException.class, MetricSummary::of);
    }
}
