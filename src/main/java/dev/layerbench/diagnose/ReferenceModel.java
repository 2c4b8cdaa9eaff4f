package dev.layerbench.diagnose;

import dev.layerbench.data.Dataset;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.study.SymmetryTracker;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.Trainer;
import dev.layerbench.train.TrainingListener;

import java.util.List;

/**
 * The small model every model-based check trains: softmax regression (or, for the zero-init check, one tanh
 * hidden layer), float32, plain SGD with lr {@value #LEARNING_RATE}, batch {@value #BATCH}, {@value #EPOCHS}
 * epochs. It is deliberately ordinary: the checks compare it with itself under changed data, so what moves its
 * accuracy is the data, not the model.
 */
public final class ReferenceModel {
    public static final int EPOCHS = 5;
    public static final int BATCH = 32;
    public static final double LEARNING_RATE = 0.1;
    public static final int ZERO_INIT_HIDDEN_UNITS = 16;

    private ReferenceModel() {
    }

    /** Softmax regression from Xavier-uniform weights; the last epoch's row. */
    static EpochRow train(DatasetSplit split, long initSeed, long shuffleSeed) {
        return train(split, 0, new Initializer.XavierUniform(), initSeed, shuffleSeed, null);
    }

    /**
     * @param hidden  0 for softmax regression, else tanh hidden units
     * @param tracker records the hidden units' symmetry; null for none
     */
    static EpochRow train(DatasetSplit split, int hidden, Initializer weightInit, long initSeed, long shuffleSeed,
                          SymmetryTracker tracker) {
        NetworkSpec spec = new NetworkSpec(split.train().columns(), hidden, Activation.TANH,
                split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, weightInit, new Initializer.Zero(),
                Dtype.FLOAT32, initSeed);
        TrainConfig config = new TrainConfig(EPOCHS, BATCH, OptimizerKind.SGD, LEARNING_RATE, shuffleSeed);
        TrainingListener listener = tracker != null ? tracker : TrainingListener.NONE;
        List<EpochRow> rows = new Trainer(config).fit(Network.create(spec), split, listener);
        return rows.get(rows.size() - 1);
    }

    /** {@code train} with its labels replaced, same features, classes and columns. */
    static Dataset withLabels(Dataset train, int[] labels, String source) {
        return new Dataset(source, train.features(), train.rows(), train.columns(), labels, train.classNames(),
                train.featureNames());
    }
}
