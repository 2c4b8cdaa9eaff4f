package dev.layerbench.train;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Shuffle;
import dev.layerbench.model.Network;
import dev.layerbench.model.Optimizer;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.model.ThreadPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Minibatch training with a seeded reshuffle every epoch, scoring train and test sets after each epoch.
 *
 * <p>Each epoch gathers the shuffled rows once into buffers allocated at the start, so every batch is a
 * contiguous row range of them: the step itself copies nothing. Training stops at the first epoch whose loss
 * or parameters are NaN/Inf; that row is marked diverged and carries no accuracy.
 */
public final class Trainer {
    private final TrainConfig config;

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    public List<EpochRow> fit(Network network, DatasetSplit split, TrainingListener listener) {
        MatrixData train = MatrixData.of(split.train(), network.spec().dtype(), network.spec().loss());
        MatrixData test = MatrixData.of(split.test(), network.spec().dtype(), network.spec().loss());
        ThreadPolicy.forNetwork(network.spec(), config.batchSize()).apply();
        Optimizer optimizer = new Optimizer(config.optimizer(), config.learningRate(), network);
        // plain SGD's step inside the backward products, unless a listener reads the gradients (Network#sgdStep)
        boolean sgdInsideBackward = config.optimizer() == OptimizerKind.SGD && !listener.watchesGradients();
        INDArray shuffledX = Nd4j.create(train.features().dataType(), train.features().shape());
        INDArray shuffledY = Nd4j.create(train.targets().dataType(), train.targets().shape());
        SplittableRandom shuffles = new SplittableRandom(config.seed());
        int n = train.rows();
        int batches = (n + config.batchSize() - 1) / config.batchSize();

        INDArray parameters = network.parameters();
        INDArray iterateSum = config.averaging() == Averaging.EPOCH ? parameters.like() : null;
        List<EpochRow> rows = new ArrayList<>();
        int step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long started = System.nanoTime();
            listener.epochStarted(epoch, batches);
            int[] order = Shuffle.permutation(n, shuffles.split());
            Nd4j.pullRows(train.features(), shuffledX, 1, order);
            Nd4j.pullRows(train.targets(), shuffledY, 1, order);
            double lossSum = 0;
            if (iterateSum != null) {
                iterateSum.assign(0);
            }
            for (int b = 0; b < batches; b++) {
                int start = b * config.batchSize();
                int end = Math.min(n, start + config.batchSize());
                INDArray x = rowRange(shuffledX, start, end);
                INDArray y = rowRange(shuffledY, start, end);
                if (sgdInsideBackward) {
                    lossSum += network.sgdStep(x, y, config.learningRate());
                } else {
                    lossSum += network.computeGradients(x, y);
                    listener.gradientsComputed(epoch, step++, network);
                    optimizer.step(network, epoch - 1);
                }
                if (iterateSum != null) {
                    network.blas().axpy(1.0, parameters, iterateSum);
                }
                listener.batchFinished(epoch, b + 1);
            }
            double trainLoss = lossSum / batches;
            // averaged: score the epoch's mean iterate, then go on from the last one — except after the last
            // epoch, whose mean is the model this training hands back
            INDArray lastIterate = iterateSum == null ? null : parameters.dup();
            if (iterateSum != null) {
                parameters.assign(iterateSum).divi(batches);
            }
            EpochRow row = score(epoch, trainLoss, network, train, test, (System.nanoTime() - started) / 1e9);
            if (lastIterate != null && epoch < config.epochs() && !row.diverged()) {
                parameters.assign(lastIterate);
            }
            rows.add(row);
            listener.epochFinished(row);
            if (row.diverged()) {
                break;
            }
        }
        return rows;
    }

    private static EpochRow score(int epoch, double trainLoss, Network network, MatrixData train, MatrixData test,
                                  double seconds) {
        INDArray parameters = network.parameters();
        boolean finiteParameters = !BooleanIndexing.or(parameters, Conditions.isNan())
                && !BooleanIndexing.or(parameters, Conditions.isInfinite());
        Evaluation onTrain = finiteParameters ? Evaluator.evaluate(network, train) : null;
        Evaluation onTest = finiteParameters ? Evaluator.evaluate(network, test) : null;
        double majority = Evaluation.majorityShare(test.classCounts());
        if (!Double.isFinite(trainLoss) || onTrain == null || onTest == null) {
            return new EpochRow(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, majority, false, true, seconds);
        }
        return new EpochRow(epoch, trainLoss, onTrain.accuracy(), onTest.logLoss(), onTest.accuracy(),
                onTest.balancedAccuracy(), onTest.macroF1(), onTest.rocAuc(), onTest.majorityBaseline(),
                onTest.predictsOneClass(), false, seconds);
    }

    private static INDArray rowRange(INDArray matrix, int start, int end) {
        return matrix.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }
}
