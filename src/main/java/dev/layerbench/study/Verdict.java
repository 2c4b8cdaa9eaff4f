package dev.layerbench.study;

import dev.layerbench.train.EpochRow;

/**
 * What became of a run, first rule that applies wins:
 * <ol>
 *   <li>{@code DIVERGED} — the loss or a parameter became NaN/Inf; its numbers are not accuracy;</li>
 *   <li>{@code STALLED_AT_MAJORITY} — it predicts one class and its test accuracy is exactly the majority share
 *       (balanced accuracy 1/K): the network learned the class prior and nothing else;</li>
 *   <li>{@code SYMMETRIC} — with a hidden layer, every hidden unit is still the same unit at the end (to a relative
 *       1e-6): however wide it was built, the network is one unit wide;</li>
 *   <li>{@code SYMMETRY_BROKEN_BY_ROUNDOFF} — the units started identical and are no longer: nothing in the
 *       arithmetic told them apart, so floating-point round-off did (the steps where the spread crossed 1e-6 and
 *       1e-2 are reported);</li>
 *   <li>{@code LEARNS} — anything else: it fits more than the prior with distinct units (or no hidden layer).</li>
 * </ol>
 */
public enum Verdict {
    DIVERGED,
    STALLED_AT_MAJORITY,
    SYMMETRIC,
    SYMMETRY_BROKEN_BY_ROUNDOFF,
    LEARNS;

    /** @param trace the run's symmetry trace; null without a hidden layer */
    public static Verdict of(EpochRow last, SymmetryTracker trace) {
        if (last.diverged()) {
            return DIVERGED;
        }
        if (last.predictsOneClass() && last.testAccuracy() == last.majorityBaseline()) {
            return STALLED_AT_MAJORITY;
        }
        if (trace != null && trace.traced()) {
            if (trace.last().symmetry().distinctUnits() == 1) {
                return SYMMETRIC;
            }
            if (trace.first().symmetry().relativeSpread() == 0.0) {
                return SYMMETRY_BROKEN_BY_ROUNDOFF;
            }
        }
        return LEARNS;
    }
}
