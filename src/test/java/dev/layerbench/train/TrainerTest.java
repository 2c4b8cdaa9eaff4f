package dev.layerbench.train;

import dev.layerbench.data.DataSpec;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.OptimizerKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two facts the project's seed questions rest on, and the trainer's own guarantees. */
class TrainerTest {
    private static final Initializer ZERO = new Initializer.Zero();

    private static DatasetSplit synthetic(double[] weights) {
        SyntheticSpec spec = SyntheticSpec.of(2, 20, 1500, weights, 0.0, Double.NaN, 1.5, 1, 7);
        return new DataSpec.Synthetic().load(spec, 0.2, 7);
    }

    private static List<EpochRow> train(DatasetSplit split, Network network, double lr, int epochs) {
        return new Trainer(new TrainConfig(epochs, 32, OptimizerKind.SGD, lr, 3))
                .fit(network, split, TrainingListener.NONE);
    }

    private static Network network(DatasetSplit split, int hidden, Activation activation, Initializer init) {
        return Network.create(new NetworkSpec(split.train().columns(), hidden, activation,
                split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, init, ZERO, Dtype.FLOAT32, 5));
    }

    @Test
    void zeroInitWithoutHiddenLayerLearns() {
        DatasetSplit split = synthetic(null);
        EpochRow last = train(split, network(split, 0, Activation.TANH, ZERO), 0.1, 5).get(4);

        assertEquals(0.5, last.majorityBaseline(), 1e-12);
        assertTrue(last.testAccuracy() > 0.8, "softmax regression from zero learns: " + last.testAccuracy());
        assertFalse(last.predictsOneClass());
    }

    @Test
    void zeroInitTanhHiddenLayerOnImbalancedDataSitsExactlyAtTheMajorityShare() {
        DatasetSplit split = synthetic(new double[]{0.92, 0.08});
        Network network = network(split, 16, Activation.TANH, ZERO);
        EpochRow last = train(split, network, 0.1, 3).get(2);

        assertEquals(last.majorityBaseline(), last.testAccuracy(), 0.0);
        assertTrue(last.predictsOneClass());
        assertEquals(0.5, last.balancedAccuracy(), 0.0);
        // tanh(0) = 0: the hidden layer outputs zeros, so no weight ever receives a gradient; only b₂ learns.
        for (INDArray weights : List.of(network.layers().get(0).weights(), network.layers().get(1).weights(),
                network.layers().get(0).bias())) {
            assertEquals(0.0, weights.amaxNumber().doubleValue(), 0.0);
        }
        assertTrue(network.layers().get(1).bias().amaxNumber().doubleValue() > 0);
    }

    @Test
    void sameSeedsGiveIdenticalEpochs() {
        DatasetSplit split = synthetic(null);
        List<EpochRow> first = train(split, network(split, 8, Activation.RELU, new Initializer.He()), 0.05, 2);
        List<EpochRow> second = train(split, network(split, 8, Activation.RELU, new Initializer.He()), 0.05, 2);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).trainLoss(), second.get(i).trainLoss(), 0.0);
            assertEquals(first.get(i).testAccuracy(), second.get(i).testAccuracy(), 0.0);
        }
    }

    @Test
    void divergenceStopsTrainingAndReportsNoAccuracy() {
        DatasetSplit split = synthetic(null);
        List<EpochRow> rows = train(split, network(split, 8, Activation.RELU, new Initializer.He()), 1e30, 5);

        EpochRow last = rows.get(rows.size() - 1);
        assertTrue(last.diverged());
        assertTrue(rows.size() < 5, "training goes on after divergence: " + rows.size() + " epochs");
        assertTrue(Double.isNaN(last.testAccuracy()));
    }

    /**
     * {@code --average epoch} scores and keeps the mean of the epoch's iterates, and the next epoch goes on from
     * the last iterate: checked against a plain run's iterates, read where the trainer hands the network to its
     * listener (before each step).
     */
    @Test
    void epochAveragingKeepsTheMeanIterateAndTrainsOnFromTheLastOne() {
        DatasetSplit split = synthetic(null);
        Network plain = float64Network(split);
        List<double[]> plainIterates = iteratesOf(plain, split, Averaging.NONE);
        plainIterates.add(plain.parameters().toDoubleVector());
        Network averaged = float64Network(split);
        List<double[]> averagedRunIterates = iteratesOf(averaged, split, Averaging.EPOCH);

        int batches = (split.train().rows() + 31) / 32;
        assertEquals(2 * batches + 1, plainIterates.size());
        // epoch 2 starts from epoch 1's last iterate, not from its mean: the two runs step alike
        for (int k = 0; k < 2 * batches; k++) {
            assertArrayEquals(plainIterates.get(k), averagedRunIterates.get(k),
                    0.0, "iterate " + k);
        }
        double[] mean = new double[plainIterates.get(0).length];
        for (int k = batches + 1; k <= 2 * batches; k++) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += plainIterates.get(k)[i] / batches;
            }
        }
        assertArrayEquals(mean, averaged.parameters().toDoubleVector(), 1e-12,
                "the network ends on the mean of the last epoch's iterates");
        double gap = 0;
        for (int i = 0; i < mean.length; i++) {
            gap = Math.max(gap, Math.abs(mean[i] - plainIterates.get(2 * batches)[i]));
        }
        assertTrue(gap > 1e-6, "the mean differs from the last iterate, or the test would prove nothing: " + gap);
    }

    /**
     * Plain SGD with no listener reading gradients takes its step inside the backward products; a listener that
     * reads them gets the two-pass step and its callback. Both train the same network to the same place, up to
     * the different rounding of the two steps.
     */
    @Test
    void sgdInsideTheBackwardTrainsLikeTheTwoPassStep() {
        DatasetSplit split = synthetic(null);
        int[] watched = {0};
        TrainingListener watcher = new TrainingListener() {
            @Override
            public void gradientsComputed(int epoch, int step, Network network) {
                watched[0]++;
            }
        };
        TrainingListener blind = new TrainingListener() {
            @Override
            public void gradientsComputed(int epoch, int step, Network network) {
                throw new AssertionError("called though it reads no gradients");
            }

            @Override
            public boolean watchesGradients() {
                return false;
            }
        };
        TrainConfig config = new TrainConfig(2, 32, OptimizerKind.SGD, 0.1, 3);
        Network twoPass = network(split, 8, Activation.TANH, new Initializer.Normal(0.3));
        Network inside = network(split, 8, Activation.TANH, new Initializer.Normal(0.3));
        List<EpochRow> expected = new Trainer(config).fit(twoPass, split, watcher);
        List<EpochRow> actual = new Trainer(config).fit(inside, split, blind.andThen(TrainingListener.NONE));

        assertEquals(2 * ((split.train().rows() + 31) / 32), watched[0], "one callback per step");
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(expected.get(epoch).trainLoss(), actual.get(epoch).trainLoss(), 1e-5);
        }
        assertArrayEquals(twoPass.parameters().toDoubleVector(),
                inside.parameters().toDoubleVector(), 1e-4);
        assertTrue(blind.andThen(watcher).watchesGradients(), "a pair watches if either does");
    }

    /** Trains {@code network} for 2 epochs and returns its parameters as each step found them. */
    private static List<double[]> iteratesOf(Network network, DatasetSplit split, Averaging averaging) {
        List<double[]> iterates = new java.util.ArrayList<>();
        new Trainer(new TrainConfig(2, 32, OptimizerKind.SGD, 0.1, 3, averaging)).fit(network, split,
                new TrainingListener() {
                    @Override
                    public void gradientsComputed(int epoch, int step, Network seen) {
                        iterates.add(seen.parameters().toDoubleVector());
                    }
                });
        return iterates;
    }

    private static Network float64Network(DatasetSplit split) {
        return Network.create(new NetworkSpec(split.train().columns(), 0, Activation.TANH,
                split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, ZERO, ZERO, Dtype.FLOAT64, 5));
    }
}
