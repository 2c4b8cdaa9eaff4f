package dev.layerbench.results;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterferenceTest {
    @Test
    void otherProcessesCountOnlyBeyondTheCoresTheBenchmarkLeftIdle() {
        assertEquals(5, Interference.percent(5, 40, 1, 2), 1e-12, "one idle core of two absorbs 40%");
        assertEquals(15, Interference.percent(5, 60, 1, 2), 1e-12, "10 points spill onto the benchmark's core");
        assertEquals(45, Interference.percent(5, 40, 2, 2), 1e-12, "no idle core: every point counts");
        assertEquals(5, Interference.percent(5, 0, 4, 2), 1e-12, "more threads than cores leaves nothing idle");
        assertTrue(Double.isNaN(Interference.percent(Double.NaN, 0, 1, 2)));
    }

    @Test
    void theRuleReadsTheMachineNotTheTime() {
        assertFalse(Interference.setAside(Interference.SET_ASIDE_ABOVE_PERCENT));
        assertTrue(Interference.setAside(Interference.SET_ASIDE_ABOVE_PERCENT + 0.1));
        assertFalse(Interference.setAside(Double.NaN), "an unread reading never sets a sample aside");
    }

    @Test
    void disturbedSamplesLeaveTheStatisticsButNotTheRow() {
        List<Double> fork1 = List.of(100.0, 101.0, 900.0);
        List<Double> fork2 = List.of(99.0, 100.0, 102.0);
        ForkSample a = fork(1, fork1, List.of(2.0, 3.0, 30.0));
        ForkSample b = fork(2, fork2, List.of(1.0, 0.0, 2.0));

        TimingRow row = TimingRow.of(List.of(a, b), 1e6, 0.05);

        assertEquals(List.of(fork1, fork2), row.samplesUs(), "every raw sample stays in the row");
        assertEquals(List.of(List.of(100.0, 101.0), fork2), row.keptSamplesUs());
        assertEquals(1, row.setAside());
        assertEquals(5, row.samples());
        assertEquals(100.0, row.usPerOp(), 0.0);
        assertTrue(row.ciHighUs() < 110, "the 900 µs sample is out of the interval too: " + row.ciHighUs());
    }

    @Test
    void withFewerThanTwoSamplesLeftTheRowKeepsThemAll() {
        List<List<Double>> us = List.of(List.of(100.0, 120.0), List.of(140.0));
        List<List<Double>> interference = List.of(List.of(50.0, 50.0), List.of(1.0));

        assertEquals(us, Interference.kept(us, interference));
        assertEquals(0, Interference.setAsideCount(us, interference));
        assertEquals(us, Interference.kept(us, null), "results older than the readings keep every sample");
    }

    @Test
    void aForkWithoutReadingsHasNoInterference() {
        ForkSample old = new ForkSample("cpu", "own", "forward", 32, 784, 10, 0, "float32", 1, 1, 1,
                List.of(1.0, 2.0), Double.NaN);
        assertNull(old.interferencePercent());
        TimingRow row = TimingRow.of(List.of(old), 1, 0.05);
        assertNull(row.interferencePercent());
        assertEquals(0, row.setAside());
    }

    @Test
    void readingsSurviveTheJournalsJson() throws Exception {
        ForkSample a = fork(1, List.of(100.0, 101.0), List.of(2.0, Double.NaN));
        ForkSample back = Json.mapper().readValue(Json.write(a), ForkSample.class);
        assertEquals(a.iterationsUs(), back.iterationsUs());
        assertEquals(2.0, back.stealPercent().get(0), 0.0);
        assertTrue(Double.isNaN(back.stealPercent().get(1)), "an unread reading stays unread, not 0");
        assertEquals(2, back.cores());
    }

    private static ForkSample fork(int fork, List<Double> us, List<Double> steal) {
        List<Double> others = new ArrayList<>();
        steal.forEach(s -> others.add(0.0));
        return new ForkSample("cpu", "own", "forward", 32, 784, 10, 0, "float32", 1, fork, fork, us, Double.NaN,
                steal, others, 2);
    }
}
