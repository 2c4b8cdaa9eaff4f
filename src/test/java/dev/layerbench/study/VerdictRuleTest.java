package dev.layerbench.study;

import dev.layerbench.results.Verdict;
import dev.layerbench.train.EpochRow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerdictRuleTest {
    private static EpochRow row(double accuracy, double majority, boolean oneClass, boolean diverged) {
        return new EpochRow(1, 0.3, accuracy, 0.3, accuracy, 0.5, 0.5, 0.5, majority, oneClass, diverged, 0.1);
    }

    @Test
    void divergedWinsOverEverything() {
        assertEquals(Verdict.DIVERGED, VerdictRule.of(row(Double.NaN, 0.92, true, true), null));
    }

    @Test
    void oneClassAtExactlyTheMajorityShareIsAStall() {
        assertEquals(Verdict.STALLED_AT_MAJORITY, VerdictRule.of(row(0.92, 0.92, true, false), null));
    }

    @Test
    void oneClassThatIsTheMinorityIsNotTheMajorityStall() {
        assertEquals(Verdict.LEARNS, VerdictRule.of(row(0.08, 0.92, true, false), null));
    }

    @Test
    void aboveTheMajorityShareWithoutAHiddenLayerLearns() {
        assertEquals(Verdict.LEARNS, VerdictRule.of(row(0.95, 0.92, false, false), null));
    }
}
