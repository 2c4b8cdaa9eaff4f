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
import dev.layerbench.results.SaddleRow;
import dev.layerbench.train.Evaluation;
import dev.layerbench.train.MatrixData;
import dev.layerbench.train.RunSeeds;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.Trainer;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The saddle at all-zero weights, measured: how many updates a one-hidden-layer network needs to leave the
 * majority share, against how far from zero its weights start.
 *
 * <p>At all-zero weights the output weights are 0, so no error reaches the hidden layer: its gradient is exactly
 * 0, and only the output layer moves. With tanh or relu (f(0) = 0) the output weights' gradient is 0 too — a
 * fixed point that plain SGD never leaves. With sigmoid (f(0) = ½) the output weights do move, but on balanced
 * data only by the batches' small class imbalance, and the hidden layer's way out grows only as fast as they do.
 * A start at scale ε sits near the same saddle: the signal through both layers is of order ε², so the escape
 * takes a number of steps that grows like log(1/ε). Constant starts add the symmetry of identical units.
 *
 * <p>The grid: on the balanced scenario (its majority share is the stall), one hidden layer of the study's width,
 * each activation and dtype of the preset, weights zero or {@link #SCALES} × {uniform ±scale, constant scale},
 * biases zero, the study's SGD, batch and seeds, for the preset's epochs — a fixed budget of updates. Softmax
 * regression from zero, trained the same way, gives the level (one row per dtype, {@code hidden = 0}).
 *
 * <p>Definitions (each row records its thresholds):
 * <ul>
 *   <li><b>left the majority share</b>: test accuracy at least the smallest count of correct answers that a
 *       predictor right with probability m (the majority share) on each of the n test rows reaches with
 *       probability at most {@link #LEAVE_ALPHA} — the one-sided binomial test; for n = 400, m = ½ that is 58%.
 *       A network at the saddle predicts one class (exactly m), or nearly so at tiny scales.</li>
 *   <li><b>reached the level</b>: test accuracy at least m + {@link #LEVEL_SHARE} · (L − m), L the final test
 *       accuracy of softmax regression in the same dtype: 90% of the way from the stall to what a linear model
 *       learns.</li>
 * </ul>
 * Test accuracy is evaluated every {@link #EVAL_EVERY_STEPS} updates and after every epoch, so a step count is
 * exact to that resolution.
 */
public final class SaddleStudy {
    /** The weight scales besides 0: four decades up to the size of common initialisations. */
    public static final List<Double> SCALES = List.of(1e-4, 1e-3, 1e-2, 1e-1);
    /** 1% of the quick preset's 500-update budget: resolution for the curve at ~100 evaluations of 400 rows. */
    public static final int EVAL_EVERY_STEPS = 5;
    public static final double LEAVE_ALPHA = 1e-3;
    public static final double LEVEL_SHARE = 0.9;
    public static final Scenario SCENARIO = Scenario.BALANCED;

    private SaddleStudy() {
    }

    /** Whether the study measures the saddle at all: only when its scenarios include the balanced one. */
    public static boolean included(List<Scenario> scenarios) {
        return scenarios.contains(SCENARIO);
    }

    /** The rows {@link #run} writes for these scenarios: per dtype one softmax regression, then the grid. */
    public static int runCount(StudyPreset preset, List<Scenario> scenarios) {
        return included(scenarios)
                ? preset.dtypes().size() * (1 + preset.activations().size() * inits().size()) : 0;
    }

    /** A starting point of the grid: {@code zero}, {@code uniform} (±scale) or {@code constant} (scale). */
    public record Start(String kind, double scale) {
        public Initializer initializer() {
            return switch (kind) {
                case "zero" -> new Initializer.Zero();
                case "uniform" -> new Initializer.Uniform(scale);
                case "constant" -> new Initializer.Constant(scale);
                default -> throw new IllegalArgumentException("no saddle start of kind " + kind);
            };
        }
    }

    /** Zero, then each scale uniform and constant. */
    public static List<Start> inits() {
        List<Start> inits = new ArrayList<>(List.of(new Start("zero", 0)));
        for (double scale : SCALES) {
            inits.add(new Start("uniform", scale));
            inits.add(new Start("constant", scale));
        }
        return inits;
    }

    /** The study's hidden width: the preset's first hidden layer. */
    public static int hiddenWidth(StudyPreset preset) {
        return preset.hidden().stream().filter(h -> h > 0).findFirst().orElseThrow();
    }

    /**
     * The least test accuracy that counts as having left the majority share {@code majorityShare} on
     * {@code testRows} rows: c/n for the smallest c with P(Binomial(n, m) ≥ c) ≤ {@link #LEAVE_ALPHA}.
     */
    public static double leaveAccuracy(int testRows, double majorityShare) {
        BinomialDistribution chance = new BinomialDistribution(null, testRows, majorityShare);
        return (chance.inverseCumulativeProbability(1 - LEAVE_ALPHA) + 1) / (double) testRows;
    }

    /** The configuration that saddle.json and the journal's header record. */
    public static Map<String, Object> config(StudyPreset preset, long seed) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("preset", preset.label());
        config.put("scenario", SCENARIO.label());
        config.put("hidden", hiddenWidth(preset));
        config.put("activations", preset.activations());
        config.put("dtypes", preset.dtypes());
        config.put("scales", SCALES);
        config.put("initKinds", List.of("zero", "uniform", "constant"));
        config.put("biasInit", "zero");
        config.put("epochs", preset.epochs());
        config.put("batch", StudyPreset.BATCH);
        config.put("optimizer", "sgd");
        config.put("learningRate", StudyPreset.LEARNING_RATE);
        config.put("evalEverySteps", EVAL_EVERY_STEPS);
        config.put("leaveRule", "test accuracy >= (c+1)/n, c the (1 - " + LEAVE_ALPHA
                + ") quantile of Binomial(n, majority share)");
        config.put("levelRule", "test accuracy >= majority share + " + LEVEL_SHARE
                + " * (softmax-regression final test accuracy - majority share)");
        config.put("seed", seed);
        return config;
    }

    /**
     * Trains every row not in {@code done} (by {@link #key}), handing each to {@code finished} at once; nothing
     * unless the scenarios include the balanced one. The softmax-regression level of a dtype is read from
     * {@code done} when it is there.
     */
    public static void run(StudyPreset preset, List<Scenario> scenarios, long seed, Map<String, SaddleRow> done,
                           Consumer<SaddleRow> finished) {
        if (!included(scenarios)) {
            return;
        }
        RunSeeds seeds = RunSeeds.from(seed);
        String backend = LoadedBackend.nd4j().backend().label();
        DatasetSplit split = SCENARIO.load(seeds.data(), preset.fashionFraction());
        TrainConfig training = new TrainConfig(preset.epochs(), StudyPreset.BATCH, OptimizerKind.SGD,
                StudyPreset.LEARNING_RATE, seeds.shuffle());
        int hidden = hiddenWidth(preset);
        for (Dtype dtype : preset.dtypes()) {
            Measurement measurement = new Measurement(split, training, seeds.init(), dtype, backend);
            SaddleRow linear = done.get(key(SCENARIO.label(), 0, "-", dtype.label(), "zero", backend));
            if (linear == null) {
                linear = measurement.row(0, Activation.IDENTITY, new Start("zero", 0), Double.NaN);
                finished.accept(linear);
            }
            for (Activation activation : preset.activations()) {
                for (Start init : inits()) {
                    if (!done.containsKey(key(SCENARIO.label(), hidden, activation.label(), dtype.label(),
                            init.initializer().text(), backend))) {
                        finished.accept(measurement.row(hidden, activation, init, linear.finalTestAccuracy()));
                    }
                }
            }
        }
    }

    /** What identifies a row within a study: its journal key. */
    public static String key(SaddleRow r) {
        return key(r.scenario(), r.hidden(), r.activation(), r.dtype(), r.init(), r.backend());
    }

    static String key(String scenario, int hidden, String activation, String dtype, String init, String backend) {
        return String.join("|", scenario, Integer.toString(hidden), activation, dtype, init, backend);
    }

    /** The runs of one dtype: the same data, seeds and batch order, the test set converted once. */
    private record Measurement(DatasetSplit split, TrainConfig training, long initSeed, Dtype dtype, String backend,
                               MatrixData test) {
        Measurement(DatasetSplit split, TrainConfig training, long initSeed, Dtype dtype, String backend) {
            this(split, training, initSeed, dtype, backend,
                    MatrixData.of(split.test(), dtype, Loss.SOFTMAX_CROSS_ENTROPY));
        }

        /** One run; {@code linearLevel} NaN means this is the softmax regression that sets the level. */
        SaddleRow row(int hidden, Activation activation, Start start, double linearLevel) {
            Initializer init = start.initializer();
            NetworkSpec spec = new NetworkSpec(split.train().columns(), hidden, activation,
                    split.train().numClasses(), Loss.SOFTMAX_CROSS_ENTROPY, init, new Initializer.Zero(), dtype,
                    initSeed);
            AccuracyWatch watch = new AccuracyWatch(test, EVAL_EVERY_STEPS);
            new Trainer(training).fit(Network.create(spec), split, watch);
            double finalAccuracy = watch.finalAccuracy();
            double level = Double.isNaN(linearLevel) ? finalAccuracy : linearLevel;
            double majority = Evaluation.majorityShare(test.classCounts());
            double leave = leaveAccuracy(test.rows(), majority);
            double levelAccuracy = majority + LEVEL_SHARE * (level - majority);
            int batches = (split.train().rows() + training.batchSize() - 1) / training.batchSize();
            return new SaddleRow(SCENARIO.label(), hidden, hidden == 0 ? "-" : activation.label(), dtype.label(),
                    start.kind(), start.scale(), init.text(), backend, training.epochs() * batches, EVAL_EVERY_STEPS,
                    test.rows(), majority, leave, level, levelAccuracy, watch.firstStepReaching(leave),
                    watch.firstStepReaching(levelAccuracy), finalAccuracy);
        }
    }
}
