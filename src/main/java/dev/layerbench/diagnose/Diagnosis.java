package dev.layerbench.diagnose;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Scale;
import dev.layerbench.data.StratifiedSplit;
import dev.layerbench.results.Verdict;
import dev.layerbench.train.RunSeeds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every check of {@code layerbench diagnose} on one dataset, and what they add up to in plain sentences.
 *
 * @param schemaVersion  {@value #SCHEMA_VERSION}; raised when a field changes meaning
 * @param kind           always "diagnose"
 * @param createdAt      ISO-8601 instant the diagnosis finished
 * @param data           the data spec and, for synthetic data, the generator's parameters and the seeds
 * @param trainRows      training rows in the data
 * @param testRows       test rows in the data
 * @param modelTrainRows training rows the model-based checks used (fewer than {@code trainRows} when subsampled)
 * @param notes          how the checks were run, where it differs from the data as given
 * @param verdict        the findings as sentences, most decisive first
 */
public record Diagnosis(int schemaVersion, String kind, String createdAt, Map<String, Object> data, int trainRows,
                        int testRows, int modelTrainRows, List<String> notes, ClassBalance classBalance,
                        Leakage leakage, LabelNoiseCurve labelNoise, LearningCurve learningCurve,
                        ZeroInitComparison zeroInit, List<String> verdict) {

    /** 2: the label-noise and learning curves' accuracies are {@link OverSeeds} (mean, sd, range over seeds). */
    public static final int SCHEMA_VERSION = 2;
    /**
     * The model-based checks train 26 small models (each curve's 4 points × {@link #CURVE_SEEDS} seeds, and 2 for
     * zero init); above this many training rows they use a stratified sample, which keeps a Fashion-MNIST
     * diagnosis to minutes and still leaves thousands of rows per model.
     */
    public static final int MAX_MODEL_TRAIN_ROWS = 10_000;
    /**
     * Seeds each point of the label-noise and learning curves is repeated with: one small model's accuracy moves
     * with its draw, and a curve of single runs can rise or fall by luck. Three is the fewest that give a spread.
     */
    public static final int CURVE_SEEDS = 3;
    /** A gap in accuracy smaller than this (as a fraction) is not worth a sentence. */
    static final double NOTABLE_DROP = 0.01;

    /**
     * @param raw   the split as read or generated, unscaled
     * @param scale how the models' features are scaled
     * @param data  provenance to record; a {@code test} entry means the test set is the user's own ({@code --test})
     * @param seeds the run's seeds: {@code init} and {@code shuffle} drive every model; label noise and subsets
     *              draw from seeds derived from {@code shuffle}; the curves repeat with the seeds of
     *              {@code --seed + 1} and {@code + 2} ({@link RunSeeds#repeats})
     */
    public static Diagnosis run(DatasetSplit raw, Scale scale, Map<String, Object> data, RunSeeds seeds,
                                String createdAt) {
        DatasetSplit scaled = scale.apply(raw);
        List<ModelSeeds> repeats = ModelSeeds.repeats(seeds, CURVE_SEEDS);
        long sampleSeed = repeats.get(0).sample();

        List<String> notes = new ArrayList<>();
        DatasetSplit models = scaled;
        int trainRows = raw.train().rows();
        if (trainRows > MAX_MODEL_TRAIN_ROWS) {
            double keep = (double) MAX_MODEL_TRAIN_ROWS / trainRows;
            models = new DatasetSplit(StratifiedSplit.split(scaled.train(), 1 - keep, sampleSeed).train(),
                    scaled.test());
            notes.add(String.format(Locale.US, "The model-based checks (label noise, data size, zero init) trained"
                    + " on a stratified sample of %,d of the %,d training rows, to keep the diagnosis fast;"
                    + " \"100%%\" of the training set means that sample.", models.train().rows(), trainRows));
        }
        notes.add(String.format(Locale.US, "The label-noise and data-size curves repeat every point with %d seeds"
                + " (--seed %d to %d: the labels flipped, the rows kept, the model's start and batch order); they"
                + " give the mean ± sd and the range.", CURVE_SEEDS, seeds.master(), seeds.master() + CURVE_SEEDS - 1));

        ClassBalance balance = ClassBalance.measure(raw);
        Leakage leakage = Leakage.measure(raw, scaled);
        LabelNoiseCurve noise = LabelNoiseCurve.measure(models, repeats);
        LearningCurve curve = LearningCurve.measure(models, repeats);
        ZeroInitComparison zeroInit = ZeroInitComparison.measure(models, seeds.init(), seeds.shuffle());
        List<String> verdict = verdict(balance, leakage, noise, curve, zeroInit, data.containsKey("test"));
        return new Diagnosis(SCHEMA_VERSION, "diagnose", createdAt, data, trainRows, raw.test().rows(),
                models.train().rows(), List.copyOf(notes), balance, leakage, noise, curve, zeroInit, verdict);
    }

    /** The findings, one sentence each, built only from the numbers measured. */
    static List<String> verdict(ClassBalance balance, Leakage leakage, LabelNoiseCurve noise, LearningCurve curve,
                                ZeroInitComparison zeroInit, boolean ownTestSet) {
        List<String> sentences = new ArrayList<>();
        for (String feature : leakage.identicalToTarget()) {
            sentences.add("Feature '" + feature + "' is identical to the target (its values map one-to-one to the"
                    + " classes): it is the answer, not a feature; drop it.");
        }
        String scoreName = leakage.scoreKind().equals("roc-auc") ? "ROC-AUC" : "nearest-centroid accuracy";
        for (Leakage.FeatureScore suspect : leakage.suspects()) {
            if (!leakage.identicalToTarget().contains(suspect.feature())) {
                sentences.add(String.format(Locale.US, "Feature '%s' alone scores %s %.2f: suspect a leak.",
                        suspect.feature(), scoreName, suspect.score()));
            }
        }
        if (leakage.duplicateTestRows() > 0) {
            // A model scored on rows it was trained on is scored on memory; with the user's own --test file that is
            // the classic "looked perfect, then wasn't", so it is said of their file by name.
            sentences.add(String.format(Locale.US, "%s %d of its %d rows (%.1f%%) with the training set: test"
                            + " accuracy partly measures memory, not generalisation.",
                    ownTestSet ? "Your --test set shares" : "The test split shares", leakage.duplicateTestRows(),
                    Arrays.stream(balance.testCounts()).sum(),
                    100 * leakage.duplicateTestShare()));
        }

        ZeroInitComparison.Outcome hidden = zeroInit.hiddenLayer();
        if (hidden.verdict() == Verdict.STALLED_AT_MAJORITY) {
            sentences.add(String.format(Locale.US, "%.1f%% test accuracy is the share of class '%s': a"
                            + " zero-initialised hidden layer predicts a constant (verdict %s).",
                    100 * hidden.testAccuracy(), balance.classNames().get(largest(balance.testCounts())),
                    hidden.verdict()));
        } else {
            sentences.add(String.format(Locale.US, "A zero-initialised %d-unit hidden layer ends with verdict %s"
                            + " (test accuracy %.1f%%, balanced accuracy %.1f%%).", hidden.hiddenUnits(),
                    hidden.verdict(), 100 * hidden.testAccuracy(), 100 * hidden.balancedAccuracy()));
        }
        ZeroInitComparison.Outcome single = zeroInit.singleLayer();
        sentences.add(String.format(Locale.US, "A zero-initialised single layer (softmax regression) reaches %.1f%%"
                        + " test accuracy against a majority baseline of %.1f%% (verdict %s).",
                100 * single.testAccuracy(), 100 * balance.majorityBaseline(), single.verdict()));

        LabelNoiseCurve.Point clean = noise.clean();
        LabelNoiseCurve.Point noisiest = noise.noisiest();
        // What was measured is the model's response to noise we injected, not the noise in the user's labels:
        // the sentence must not read as a finding about their data.
        boolean costs = clean.testAccuracy().mean() - noisiest.testAccuracy().mean() >= NOTABLE_DROP;
        sentences.add(String.format(Locale.US, "Injected label noise %s: flipping %.0f%% of the training labels on"
                        + " purpose moves test accuracy from %.2f to %.2f (means over %d seeds), so %s (this does not"
                        + " measure how many of your own labels are wrong).",
                costs ? "costs accuracy" : "barely costs accuracy", 100 * noisiest.noiseRate(),
                clean.testAccuracy().mean(), noisiest.testAccuracy().mean(), clean.testAccuracy().seeds(),
                costs ? "wrong labels would hurt this model" : "this model tolerates some wrong labels"));

        List<LearningCurve.Point> points = curve.points();
        LearningCurve.Point before = points.get(points.size() - 2);
        LearningCurve.Point full = points.get(points.size() - 1);
        sentences.add(String.format(Locale.US, curve.stillRising()
                        ? "Accuracy still rises with more data (%+.1f points from %.0f%% to %.0f%% of the training"
                        + " set): more data should help."
                        : "Accuracy has levelled off with more data (%+.1f points from %.0f%% to %.0f%% of the"
                        + " training set): more data alone will not help much.",
                curve.lastGainPoints(), 100 * before.fraction(), 100 * full.fraction()));
        return List.copyOf(sentences);
    }

    private static int largest(int[] counts) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }
}
