package dev.layerbench.study;

import dev.layerbench.results.Verdict;
import dev.layerbench.train.EpochRow;

/**
 * Decides a run's {@link Verdict}; the first rule that applies wins: diverged, stalled at the majority share,
 * still symmetric, symmetry broken by round-off, learns.
 */
public final class VerdictRule {
    private VerdictRule() {
    }

    /** @param trace the run's symmetry trace; null without a hidden layer */
    public static Verdict of(EpochRow last, SymmetryTracker trace) {
        if (last.diverged()) {
            return Verdict.DIVERGED;
        }
        if (last.predictsOneClass() && last.testAccuracy() == last.majorityBaseline()) {
            return Verdict.STALLED_AT_MAJORITY;
        }
        if (trace != null && trace.traced()) {
            if (trace.last().symmetry().distinctUnits() == 1) {
                return Verdict.SYMMETRIC;
            }
            if (trace.first().symmetry().relativeSpread() == 0.0) {
                return Verdict.SYMMETRY_BROKEN_BY_ROUNDOFF;
            }
        }
        return Verdict.LEARNS;
    }
}
