package dev.layerbench.results;

/**
 * What became of a run of the study, as stored with its row. The rule that decides it is
 * {@code dev.layerbench.study.VerdictRule}: this type only names the outcomes, so that a stored row can be read
 * back without the study.
 */
public enum Verdict {
    /** The loss or a parameter became NaN/Inf; its numbers are not accuracy. */
    DIVERGED,
    /**
     * It predicts one class and its test accuracy is exactly the majority share (balanced accuracy 1/K): the
     * network learned the class prior and nothing else.
     */
    STALLED_AT_MAJORITY,
    /**
     * With a hidden layer, every hidden unit is still the same unit at the end (to a relative 1e-6): however wide
     * it was built, the network is one unit wide.
     */
    SYMMETRIC,
    /**
     * The units started identical and are no longer: nothing in the arithmetic told them apart, so floating-point
     * round-off did (the steps where the spread crossed 1e-6 and 1e-2 are reported).
     */
    SYMMETRY_BROKEN_BY_ROUNDOFF,
    /** Anything else: it fits more than the prior with distinct units (or no hidden layer). */
    LEARNS
}
