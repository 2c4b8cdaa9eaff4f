package dev.layerbench.study;

import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.Optimizer;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.results.SaddleRow;
import dev.layerbench.train.HostArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The saddle at all-zero weights: its mechanics on a batch small enough to reason about by hand, the rule that
 * says a network has left the majority share, and the smoke grid the study runs.
 */
class SaddleStudyTest {
    private static final List<SaddleRow> SMOKE = new ArrayList<>();

    @BeforeAll
    static void runTheSmokeGrid() {
        SaddleStudy.run(StudyPreset.SMOKE, List.of(Scenario.BALANCED), 42, Map.of(), SMOKE::add);
    }

    static Stream<Arguments> activationsAndDtypes() {
        return Stream.of(Activation.SIGMOID, Activation.TANH, Activation.RELU).flatMap(a ->
                Stream.of(Arguments.of(a, Dtype.FLOAT32), Arguments.of(a, Dtype.FLOAT64)));
    }

    /**
     * Three inputs, four hidden units, two classes, six examples of which four are class 0: with every weight and
     * bias 0 the logits are 0, so p = ½ for both classes and the output bias gradient, the mean residual p − y, is
     * ½ − 4/6 and ½ − 2/6 — not 0 — while W₂ = 0 hands the hidden layer no error at all.
     */
    @ParameterizedTest
    @MethodSource("activationsAndDtypes")
    void atAllZeroWeightsTheFirstStepGivesTheHiddenLayerAnExactlyZeroGradientAndTheOutputBiasNot(
            Activation activation, Dtype dtype) {
        Network network = Network.create(new NetworkSpec(3, 4, activation, 2, Loss.SOFTMAX_CROSS_ENTROPY,
                new Initializer.Zero(), new Initializer.Zero(), dtype, 1));
        INDArray x = Nd4j.createFromArray(new double[][]{{1.5, -2, 0.5}, {-1, 0.25, 3}, {2, 2, -1},
                {0.5, -0.75, 1}, {-2.5, 1, 0}, {1, 1, 1}}).castTo(dtype.nd4j());
        int[] labels = {0, 0, 1, 0, 1, 0};
        INDArray y = Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, 2, dtype.nd4j());

        network.computeGradients(x, y);

        var hidden = network.layers().get(0);
        var output = network.layers().get(1);
        assertAllZero(hidden.weightGradient(), "dW1");
        assertAllZero(hidden.biasGradient(), "db1");
        double[] db2 = HostArrays.values(output.biasGradient());
        assertEquals(0.5 - 4.0 / 6, db2[0], 1e-6);
        assertEquals(0.5 - 2.0 / 6, db2[1], 1e-6);
        double dw2 = output.weightGradient().norm2Number().doubleValue();
        if (activation == Activation.SIGMOID) {
            assertTrue(dw2 > 0, "sigmoid(0) = ½: the output weights see a non-zero input and move");
        } else {
            assertEquals(0.0, dw2, "f(0) = 0: the hidden layer outputs zeros, so the output weights cannot move");
        }

        new Optimizer(OptimizerKind.SGD, 0.1, network).step(network, 0);
        assertAllZero(hidden.weights(), "W1 after the first update");
        assertTrue(output.bias().norm2Number().doubleValue() > 0, "the output bias learned the class prior");
    }

    /** tanh and relu at zero are a fixed point: after a whole smoke budget the hidden weights are still exactly 0. */
    @Test
    void tanhFromZeroNeverLeavesAndEndsExactlyAtTheMajorityShare() {
        List<SaddleRow> zero = SMOKE.stream().filter(r -> r.hidden() > 0 && r.initKind().equals("zero")).toList();
        assertEquals(StudyPreset.SMOKE.dtypes().size(), zero.size());
        for (SaddleRow r : zero) {
            assertEquals(-1, r.stepsToLeave(), r.toString());
            assertEquals(-1, r.stepsToLevel(), r.toString());
            assertEquals(r.majorityShare(), r.finalTestAccuracy(), r.toString());
        }
    }

    @Test
    void theSmokeGridHasOneRowPerStartActivationAndDtypeWithItsThresholds() {
        assertEquals(SaddleStudy.runCount(StudyPreset.SMOKE, List.of(Scenario.BALANCED)), SMOKE.size());
        assertEquals(2 * (1 + 9), SMOKE.size(), "per dtype: softmax regression, then 9 starts of tanh");
        assertEquals(0, SaddleStudy.runCount(StudyPreset.SMOKE, List.of(Scenario.TINY)), "balanced data only");
        for (SaddleRow r : SMOKE) {
            SaddleRow linear = SMOKE.stream().filter(l -> l.hidden() == 0 && l.dtype().equals(r.dtype()))
                    .findFirst().orElseThrow();
            assertEquals(linear.finalTestAccuracy(), r.linearLevel(), "the level is softmax regression's");
            assertEquals(r.majorityShare() + 0.9 * (r.linearLevel() - r.majorityShare()), r.levelAccuracy(), 1e-12);
            assertEquals(SaddleStudy.leaveAccuracy(r.testRows(), r.majorityShare()), r.leaveAccuracy());
            assertEquals(100, r.stepBudget(), "2 epochs of 50 batches");
            assertEquals("cpu", r.backend());
            assertTrue(r.stepsToLevel() < 0 || r.stepsToLevel() >= r.stepsToLeave(), r.toString());
        }
        SaddleRow linear = SMOKE.get(0);
        assertTrue(linear.hidden() == 0 && linear.stepsToLeave() >= 0 && linear.finalTestAccuracy() > 0.8,
                "softmax regression from zero learns: " + linear);
    }

    /** The escape is slower the nearer the start is to zero: at ±0.1 it beats ±10⁻⁴ (or ±10⁻⁴ never leaves). */
    @Test
    void aLargerUniformStartLeavesSooner() {
        for (Dtype dtype : StudyPreset.SMOKE.dtypes()) {
            int large = steps(dtype, "uniform:0.1");
            int tiny = steps(dtype, "uniform:1.0E-4");
            assertTrue(large >= 0 && (tiny < 0 || large < tiny), dtype + ": " + large + " against " + tiny);
        }
    }

    /** Resuming with every row but one journaled trains exactly that one again, and gets the same row. */
    @Test
    void aResumedRunTrainsOnlyWhatIsMissingAndReadsTheLevelFromTheJournal() {
        Map<String, SaddleRow> done = new HashMap<>();
        SMOKE.forEach(r -> done.put(SaddleStudy.key(r), r));
        SaddleRow missing = SMOKE.stream().filter(r -> r.init().equals("uniform:0.01")).findFirst().orElseThrow();
        done.remove(SaddleStudy.key(missing));
        List<SaddleRow> again = new ArrayList<>();
        SaddleStudy.run(StudyPreset.SMOKE, List.of(Scenario.BALANCED), 42, done, again::add);
        assertEquals(List.of(missing), again);
    }

    /**
     * On 400 rows at a majority share of ½: 232 correct is the least count a coin reaches with probability at
     * most 0.001 (231 it reaches more often), summed here from the binomial probabilities directly.
     */
    @Test
    void leavingTheMajorityShareIsTheOneSidedBinomialTestsCriticalCount() {
        assertEquals(232 / 400.0, SaddleStudy.leaveAccuracy(400, 0.5));
        assertTrue(upperTail(400, 232) <= SaddleStudy.LEAVE_ALPHA && upperTail(400, 231) > SaddleStudy.LEAVE_ALPHA,
                upperTail(400, 232) + " " + upperTail(400, 231));
        assertEquals(1.0, SaddleStudy.leaveAccuracy(10, 0.5), "10 rows: only 10 of 10 is that unlikely");
    }

    /** P(X ≥ c) for X ~ Binomial(n, ½), each term C(n, k)/2ⁿ built up by C(n, k+1) = C(n, k)·(n−k)/(k+1). */
    private static double upperTail(int n, int c) {
        double term = Math.pow(0.5, n);
        double tail = 0;
        for (int k = 0; k <= n; k++) {
            if (k >= c) {
                tail += term;
            }
            term = term * (n - k) / (k + 1);
        }
        return tail;
    }

    private static int steps(Dtype dtype, String init) {
        return SMOKE.stream().filter(r -> r.hidden() > 0 && r.dtype().equals(dtype.label()) && r.init().equals(init))
                .findFirst().orElseThrow().stepsToLeave();
    }

    private static void assertAllZero(INDArray values, String what) {
        for (double v : HostArrays.values(values)) {
            assertEquals(0.0, v, what + " must be exactly 0");
        }
    }
}
