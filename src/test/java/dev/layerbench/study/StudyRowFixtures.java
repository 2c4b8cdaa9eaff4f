package dev.layerbench.study;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;

/** Study rows for tests: only the columns a test varies, the rest fixed and plausible. */
public final class StudyRowFixtures {
    private StudyRowFixtures() {
    }

    /** A tanh float32 run of {@code scenario} with init "zero", 16 hidden units unless {@code hidden} says 0. */
    public static StudyRow row(String scenario, int hidden, String backend, long seed, double train, double test,
                               Verdict verdict, double finalSpread) {
        return new StudyRow(scenario, "zero", hidden, hidden == 0 ? "-" : "tanh", "float32", backend, seed, train,
                test, test - 0.1, test - 0.1, 0.5, 0.92, finalSpread, 1, verdict, 0, -1, -1, 1, 1, 10, 500, 1, "standard");
    }

    /** {@link #row} on balanced data with the given verdict and seed; accuracies 0.8 train, 0.7 test. */
    public static StudyRow run(String backend, long seed, Verdict verdict) {
        return row("balanced", 16, backend, seed, 0.8, 0.7, verdict, 0.0);
    }
}
