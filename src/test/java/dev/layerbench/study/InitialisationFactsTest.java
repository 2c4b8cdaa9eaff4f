package dev.layerbench.study;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.results.Verdict;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.MatrixData;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts of exact arithmetic the study stands on, pinned. What round-off does to a symmetric float32 start is
 * measured and reported by the study, not asserted here: it depends on the backend.
 */
class InitialisationFactsTest {
    private static final DatasetSplit BALANCED = Scenario.BALANCED.load(7, 1);
    private static final DatasetSplit IMBALANCED = Scenario.IMBALANCED.load(7, 1);

    private record Outcome(Network network, List<EpochRow> epochs, SymmetryTracker trace) {
        EpochRow last() {
            return epochs.get(epochs.size() - 1);
        }
    }

    private static Outcome train(DatasetSplit split, int hidden, Activation activation, Initializer init, Dtype dtype) {
        Network network = Network.create(new NetworkSpec(split.train().columns(), hidden, activation,
                split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, init, new Initializer.Zero(), dtype, 3));
        SymmetryTracker trace = new SymmetryTracker(5);
        List<EpochRow> epochs = new Trainer(new TrainConfig(3, 32, OptimizerKind.SGD, 0.1, 5))
                .fit(network, split, trace);
        return new Outcome(network, epochs, trace);
    }

    @Test
    void withoutAHiddenLayerZeroInitLearns() {
        Outcome run = train(BALANCED, 0, Activation.IDENTITY, new Initializer.Zero(), Dtype.FLOAT32);
        assertEquals(Verdict.LEARNS, VerdictRule.of(run.last(), null));
        assertTrue(run.last().testAccuracy() > run.last().majorityBaseline() + 0.2, "" + run.last());
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "RELU"})
    void zeroInitWithActivationZeroAtZeroSilencesTheHiddenLayerAndStallsAtTheMajorityShare(Activation activation) {
        Outcome run = train(IMBALANCED, 16, activation, new Initializer.Zero(), Dtype.FLOAT32);

        for (TracePoint point : run.trace().points()) {
            assertEquals(0.0, point.gradNormW1(), 0.0, "hidden weights never get a gradient, step " + point.step());
            assertEquals(0.0, point.gradNormB1(), 0.0);
            assertEquals(0.0, point.gradNormW2(), 0.0, "output weights see only zero activations");
        }
        MatrixData test = MatrixData.of(IMBALANCED.test(), Dtype.FLOAT32, Loss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(0.0, run.network().layers().get(0).forward(test.features()).amaxNumber().doubleValue(), 0.0,
                "f(0) = 0: the hidden layer outputs exact zeros");
        assertEquals(run.last().majorityBaseline(), run.last().testAccuracy(), 0.0);
        assertEquals(Verdict.STALLED_AT_MAJORITY, VerdictRule.of(run.last(), run.trace()));
    }

    @Test
    void zeroInitSigmoidKeepsEveryHiddenUnitTheSameInFloat64() {
        // σ(0) = ½ ≠ 0: the units are alive, but they receive identical gradients, so they stay one unit
        Outcome run = train(BALANCED, 16, Activation.SIGMOID, new Initializer.Zero(), Dtype.FLOAT64);
        assertTrue(run.trace().points().size() > 10);
        for (TracePoint point : run.trace().points()) {
            assertEquals(1, point.symmetry().distinctUnits(), "step " + point.step());
        }
        assertTrue(run.trace().last().gradNormW1() > 0, "sigmoid units do learn — all alike");
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU"})
    void constantInitKeepsEveryHiddenUnitTheSameInFloat64(Activation activation) {
        Outcome run = train(BALANCED, 16, activation, new Initializer.Constant(0.01), Dtype.FLOAT64);
        assertEquals(0.0, run.trace().first().symmetry().relativeSpread(), 0.0, "identical at the start");
        for (TracePoint point : run.trace().points()) {
            assertEquals(1, point.symmetry().distinctUnits(), "step " + point.step());
        }
    }

    @Test
    void randomInitStartsWithDistinctUnits() {
        Outcome run = train(BALANCED, 16, Activation.TANH, new Initializer.XavierUniform(), Dtype.FLOAT32);
        assertEquals(16, run.trace().first().symmetry().distinctUnits());
        assertEquals(Verdict.LEARNS, VerdictRule.of(run.last(), run.trace()));
    }
}
