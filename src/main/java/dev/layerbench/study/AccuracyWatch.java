package dev.layerbench.study;

import dev.layerbench.model.Network;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.Evaluation;
import dev.layerbench.train.Evaluator;
import dev.layerbench.train.MatrixData;
import dev.layerbench.train.TrainingListener;

import java.util.Map;
import java.util.TreeMap;

/**
 * Test accuracy during training, every {@code every} updates and after every epoch, keyed by the number of
 * updates applied — what the saddle measurement needs at a finer grain than the trainer's per-epoch scores.
 *
 * <p>It evaluates in {@link #gradientsComputed}, the one callback that hands over the network: at step s the
 * parameters have had s updates, and the forward pass over the test set reuses no buffer the optimiser reads
 * (it consumes only the gradients, already computed).
 */
final class AccuracyWatch implements TrainingListener {
    private final MatrixData test;
    private final int every;
    private final TreeMap<Integer, Double> accuracyByStep = new TreeMap<>();
    private int updates;

    AccuracyWatch(MatrixData test, int every) {
        this.test = test;
        this.every = every;
    }

    @Override
    public void gradientsComputed(int epoch, int step, Network network) {
        updates = step + 1;
        // An epoch's end already scored these parameters (the trainer's test accuracy): not evaluated twice.
        if (step % every == 0 && !accuracyByStep.containsKey(step)) {
            Evaluation evaluation = Evaluator.evaluate(network, test);
            accuracyByStep.put(step, evaluation == null ? Double.NaN : evaluation.accuracy());
        }
    }

    /** The trainer's own score after the epoch's last update; NaN for a diverged epoch. */
    @Override
    public void epochFinished(EpochRow row) {
        accuracyByStep.put(updates, row.testAccuracy());
    }

    /** The first evaluated step whose test accuracy is at least {@code accuracy}, or -1 if none was. */
    int firstStepReaching(double accuracy) {
        for (Map.Entry<Integer, Double> point : accuracyByStep.entrySet()) {
            if (point.getValue() >= accuracy) {
                return point.getKey();
            }
        }
        return -1;
    }

    /** Test accuracy after the last update. */
    double finalAccuracy() {
        return accuracyByStep.lastEntry().getValue();
    }
}
