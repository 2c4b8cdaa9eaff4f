package dev.layerbench.study;

import dev.layerbench.model.DenseLayer;
import dev.layerbench.model.Network;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.HostArrays;
import dev.layerbench.train.TrainingListener;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.ArrayList;
import java.util.List;

/**
 * Records how alike a network's hidden units are as it trains: at step 0 (the initial weights), every
 * {@code every} steps and at the end of every epoch, and remembers the first traced steps at which the relative
 * spread crossed 1e-6 and 1e-2 — the moment round-off visibly broke a symmetric start, and the moment the units
 * became meaningfully different. A point's step is the number of updates applied before it was taken.
 */
public final class SymmetryTracker implements TrainingListener {
    /** Relative distance under which two units count as the same (float32 round-off is ~1e-7). */
    public static final double SAME_UNIT_TOLERANCE = 1e-6;
    public static final double VISIBLE_SPREAD = 1e-6;
    public static final double MEANINGFUL_SPREAD = 1e-2;

    private final int every;
    private final List<TracePoint> points = new ArrayList<>();
    private int firstStepAboveVisible = -1;
    private int firstStepAboveMeaningful = -1;
    private Network network;
    private int steps;

    public SymmetryTracker(int every) {
        this.every = every;
    }

    @Override
    public void gradientsComputed(int epoch, int step, Network network) {
        this.network = network;
        this.steps = step + 1;
        if (network.layers().size() >= 2 && step % every == 0 && finite(network)) {
            record(measure(epoch, step, network));
        }
    }

    /** The epoch's final weights; a diverged epoch's are not measured (NaN has no spread). */
    @Override
    public void epochFinished(EpochRow row) {
        if (network != null && network.layers().size() >= 2 && !row.diverged() && finite(network)) {
            record(measure(row.epoch(), steps, network));
        }
    }

    private void record(TracePoint point) {
        points.add(point);
        double spread = point.symmetry().relativeSpread();
        if (spread > VISIBLE_SPREAD && firstStepAboveVisible < 0) {
            firstStepAboveVisible = point.step();
        }
        if (spread > MEANINGFUL_SPREAD && firstStepAboveMeaningful < 0) {
            firstStepAboveMeaningful = point.step();
        }
    }

    /** A diverging run's NaN weights have no spread; its trace simply ends, and its verdict says DIVERGED. */
    private static boolean finite(Network network) {
        return !BooleanIndexing.or(network.parameters(), Conditions.isNan())
                && !BooleanIndexing.or(network.parameters(), Conditions.isInfinite());
    }

    static TracePoint measure(int epoch, int step, Network network) {
        DenseLayer hidden = network.layers().get(0);
        DenseLayer output = network.layers().get(1);
        SymmetryMeasure symmetry = SymmetryMeasure.of(HostArrays.rows(hidden.weights()),
                HostArrays.values(hidden.bias()), SAME_UNIT_TOLERANCE);
        return new TracePoint(epoch, step, symmetry, norm(hidden.weightGradient()), norm(hidden.biasGradient()),
                norm(output.weightGradient()), norm(output.biasGradient()));
    }

    private static double norm(org.nd4j.linalg.api.ndarray.INDArray gradient) {
        return gradient.norm2Number().doubleValue();
    }

    public List<TracePoint> points() {
        return List.copyOf(points);
    }

    public boolean traced() {
        return !points.isEmpty();
    }

    public TracePoint first() {
        return points.get(0);
    }

    public TracePoint last() {
        return points.get(points.size() - 1);
    }

    /** First traced step whose spread exceeded 1e-6, or -1. */
    public int firstStepAboveVisible() {
        return firstStepAboveVisible;
    }

    /** First traced step whose spread exceeded 1e-2, or -1. */
    public int firstStepAboveMeaningful() {
        return firstStepAboveMeaningful;
    }
}
