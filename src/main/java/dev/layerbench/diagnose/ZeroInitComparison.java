package dev.layerbench.diagnose;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.model.Initializer;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.SymmetryTracker;
import dev.layerbench.study.VerdictRule;
import dev.layerbench.train.EpochRow;

/**
 * The two zero-initialised networks behind "why does my zero-init network score 92%?": softmax regression,
 * which learns from zeros (every weight gets its own gradient), and a {@value ReferenceModel#ZERO_INIT_HIDDEN_UNITS}
 * -unit tanh hidden layer, whose units start identical and, with zero output weights, get no gradient at all:
 * only the output bias learns, so it predicts the class prior. Both trained like the {@link ReferenceModel}.
 *
 * @param singleLayer softmax regression from zero weights
 * @param hiddenLayer one tanh hidden layer from zero weights
 */
public record ZeroInitComparison(Outcome singleLayer, Outcome hiddenLayer) {

    /** What one run became, judged by {@link Verdict#of}. */
    public record Outcome(int hiddenUnits, Verdict verdict, double testAccuracy, double balancedAccuracy,
                          boolean predictsOneClass) {
        static Outcome of(int hiddenUnits, EpochRow last, SymmetryTracker tracker) {
            return new Outcome(hiddenUnits, VerdictRule.of(last, tracker), last.testAccuracy(), last.balancedAccuracy(),
                    last.predictsOneClass());
        }
    }

    public static ZeroInitComparison measure(DatasetSplit split, long initSeed, long shuffleSeed) {
        EpochRow single = ReferenceModel.train(split, 0, new Initializer.Zero(), initSeed, shuffleSeed, null);
        SymmetryTracker tracker = new SymmetryTracker(Integer.MAX_VALUE);
        EpochRow hidden = ReferenceModel.train(split, ReferenceModel.ZERO_INIT_HIDDEN_UNITS, new Initializer.Zero(),
                initSeed, shuffleSeed, tracker);
        return new ZeroInitComparison(Outcome.of(0, single, null),
                Outcome.of(ReferenceModel.ZERO_INIT_HIDDEN_UNITS, hidden, tracker));
    }
}
