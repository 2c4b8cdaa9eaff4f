package dev.layerbench.study;

import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.StudyRow;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.RunSeeds;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Runs a study's grid in this JVM, one network after another, once per seed. Within a seed every run has the same
 * data, initialisation seed and batch order, so that two rows differ only in what their columns say; each seed
 * draws all three anew, so the spread over seeds is the spread a reader would meet re-running with another seed.
 * Without a hidden layer the activation plays no part, so such a run is done once per init and dtype
 * (activation "-").
 */
public final class StudyRunner {
    /** The scenarios a study could not run here, each with the reason, and the backend it ran on. */
    public record Outcome(List<String> skipped, String backend) {
    }

    private StudyRunner() {
    }

    /** How many networks {@link #run} trains for these scenarios, {@code seeds} times each cell. */
    public static int runCount(StudyPreset preset, List<Scenario> scenarios, int seeds) {
        long available = scenarios.stream().filter(Scenario::available).count();
        int perInit = preset.hidden().stream().mapToInt(h -> h == 0 ? 1 : preset.activations().size()).sum();
        return (int) available * preset.inits().size() * perInit * preset.dtypes().size() * seeds;
    }

    /**
     * Trains every run of the grid, for each of {@code seeds} seeds derived from {@code seed}
     * ({@link RunSeeds#repeats}), that is not in {@code done} (keys as {@link StudyJournal} makes them), handing
     * each finished run to {@code finished} at once.
     */
    public static Outcome run(StudyPreset preset, List<Scenario> scenarios, long seed, int seeds, Set<String> done,
                              BiConsumer<StudyRow, List<CurvePoint>> finished) {
        List<RunSeeds> repeats = RunSeeds.repeats(seed, seeds);
        String backend = LoadedBackend.nd4j().backend().label();
        List<String> skipped = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            if (!scenario.available()) {
                skipped.add(scenario + ": skipped, its data is not installed (apt-get install dataset-fashion-mnist)");
                continue;
            }
            for (RunSeeds runSeeds : repeats) {
                DatasetSplit split = null;
                for (String init : preset.inits()) {
                    for (int hidden : preset.hidden()) {
                        for (Activation activation : hidden == 0 ? List.of(Activation.IDENTITY)
                                : preset.activations()) {
                            for (Dtype dtype : preset.dtypes()) {
                                Run run = new Run(scenario, init, hidden, activation, dtype, backend, runSeeds);
                                if (done.contains(run.key())) {
                                    continue;
                                }
                                split = split != null ? split
                                        : scenario.load(runSeeds.data(), preset.fashionFraction());
                                List<CurvePoint> curves = new ArrayList<>();
                                StudyRow row = run.train(preset, split, curves);
                                finished.accept(row, curves);
                            }
                        }
                    }
                }
            }
        }
        return new Outcome(skipped, backend);
    }

    /** One cell of the grid with one seed. */
    private record Run(Scenario scenario, String init, int hidden, Activation activation, Dtype dtype,
                       String backend, RunSeeds seeds) {

        String key() {
            return StudyJournal.key(scenario.label(), init, hidden, activationLabel(), dtype.label(), backend,
                    seeds.master());
        }

        StudyRow train(StudyPreset preset, DatasetSplit split, List<CurvePoint> curves) {
            NetworkSpec spec = new NetworkSpec(split.train().columns(), hidden, activation,
                    split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, Initializer.parse(init, "--init"),
                    new Initializer.Zero(), dtype, seeds.init());
            Network network = Network.create(spec);
            SymmetryTracker tracker = new SymmetryTracker(preset.traceEvery());
            long started = System.nanoTime();
            List<EpochRow> epochs = new Trainer(new TrainConfig(preset.epochs(), StudyPreset.BATCH, OptimizerKind.SGD,
                    StudyPreset.LEARNING_RATE, seeds.shuffle())).fit(network, split, tracker);
            double seconds = (System.nanoTime() - started) / 1e9;
            int steps = epochs.size() * ((split.train().rows() + StudyPreset.BATCH - 1) / StudyPreset.BATCH);
            EpochRow last = epochs.get(epochs.size() - 1);
            for (EpochRow e : epochs) {
                curves.add(curve("epoch", e.epoch(), -1, e, null));
            }
            for (TracePoint p : tracker.points()) {
                curves.add(curve("step", p.epoch(), p.step(), null, p));
            }
            boolean traced = tracker.traced();
            SymmetryMeasure end = traced ? tracker.last().symmetry() : null;
            return new StudyRow(scenario.label(), init, hidden, activationLabel(), dtype.label(), backend,
                    seeds.master(), last.trainAccuracy(), last.testAccuracy(), last.balancedAccuracy(), last.macroF1(),
                    last.rocAuc(), last.majorityBaseline(), traced ? end.relativeSpread() : Double.NaN,
                    traced ? end.distinctUnits() : 0, VerdictRule.of(last, traced ? tracker : null),
                    traced ? tracker.first().symmetry().relativeSpread() : Double.NaN,
                    tracker.firstStepAboveVisible(), tracker.firstStepAboveMeaningful(),
                    traced ? end.sigmaRatio() : Double.NaN, traced ? end.entropyRank() : Double.NaN,
                    epochs.size(), steps, seconds, scenario.scale().label());
        }

        /** An epoch's metrics ({@code e}) or a traced step's symmetry ({@code p}); the other is null. */
        private CurvePoint curve(String kind, int epoch, int step, EpochRow e, TracePoint p) {
            double none = Double.NaN;
            return new CurvePoint(scenario.label(), init, hidden, activationLabel(), dtype.label(), backend,
                    seeds.master(), kind, epoch, step, e == null ? none : e.trainLoss(),
                    e == null ? none : e.testLoss(),                    e == null ? none : e.trainAccuracy(), e == null ? none : e.testAccuracy(),
                    e == null ? none : e.balancedAccuracy(), e == null ? none : e.macroF1(),
                    e == null ? none : e.rocAuc(), e == null ? none : e.majorityBaseline(),
                    p == null ? Double.NaN : p.symmetry().relativeSpread(),
                    p == null ? 0 : p.symmetry().distinctUnits(),
                    p == null ? Double.NaN : p.symmetry().sigmaRatio(),
                    p == null ? Double.NaN : p.symmetry().entropyRank(),
                    p == null ? Double.NaN : p.gradNormW1(), p == null ? Double.NaN : p.gradNormB1(),
                    p == null ? Double.NaN : p.gradNormW2(), p == null ? Double.NaN : p.gradNormB2());
        }

        private String activationLabel() {
            return hidden == 0 ? "-" : activation.label();
        }
    }
}
