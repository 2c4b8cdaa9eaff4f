package dev.layerbench.diagnose;

import dev.layerbench.data.DataSpec;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.results.Verdict;
import dev.layerbench.train.RunSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisTest {
    @TempDir
    Path dir;

    private static Diagnosis diagnose(DataSpec spec, SyntheticSpec synthetic) {
        RunSeeds seeds = RunSeeds.from(7);
        DatasetSplit raw = spec.loadRaw(synthetic, 0.2, seeds.data());
        return Diagnosis.run(raw, spec.defaultScale(), Map.of("spec", spec.describe()), seeds, "now");
    }

    private static SyntheticSpec synthetic(double[] weights, double leak) {
        return SyntheticSpec.of(2, 20, 2000, weights, 0.0, leak, 1.5, 1, 11L);
    }

    @Test
    void leakedColumnIsFlaggedAndNamedInTheVerdict() {
        Diagnosis d = diagnose(new DataSpec.Synthetic(), synthetic(null, 0.01));

        Leakage.FeatureScore best = d.leakage().scores().get(0);
        assertEquals("leak", best.feature());
        assertTrue(best.score() >= Leakage.SUSPECT_SCORE, "AUC " + best.score());
        assertEquals("leak", d.leakage().suspects().get(0).feature());
        assertEquals(1, d.leakage().suspects().size(), d.leakage().suspects().toString());
        assertTrue(d.verdict().stream().anyMatch(s -> s.contains("'leak'") && s.contains("suspect a leak")),
                d.verdict().toString());
    }

    @Test
    void imbalancedDataShowsTheMajorityBaselineAndAStalledZeroInitHiddenLayer() {
        Diagnosis d = diagnose(new DataSpec.Synthetic(), synthetic(new double[]{0.92, 0.08}, Double.NaN));

        assertEquals(0.92, d.classBalance().majorityBaseline(), 1e-12);
        assertEquals(0.92, d.classBalance().constantPredictorAccuracy(), 1e-12);
        assertEquals(Verdict.STALLED_AT_MAJORITY, d.zeroInit().hiddenLayer().verdict());
        assertEquals(Verdict.LEARNS, d.zeroInit().singleLayer().verdict());
        assertTrue(d.verdict().stream().anyMatch(s -> s.startsWith("92.0% test accuracy is the share of class '0'")
                && s.contains("STALLED_AT_MAJORITY")), d.verdict().toString());
    }

    @Test
    void labelNoiseCostsAccuracyOnSeparableData() {
        Diagnosis d = diagnose(new DataSpec.Synthetic(), synthetic(null, Double.NaN));

        LabelNoiseCurve noise = d.labelNoise();
        assertEquals(0.0, noise.clean().noiseRate());
        assertEquals(0.4, noise.noisiest().noiseRate());
        assertTrue(noise.noisiest().testAccuracy().high() < noise.clean().testAccuracy().low(),
                "even the best seed at 40% noise is below the worst clean one: " + noise);
        assertEquals(Diagnosis.CURVE_SEEDS, noise.clean().testAccuracy().seeds());
        assertTrue(noise.clean().testAccuracy().sd() > 0, "the seeds draw different models: " + noise.clean());
        // issue 14: the finding is about labels flipped on purpose, not a claim about the user's own labels
        assertTrue(d.verdict().stream().anyMatch(s -> s.startsWith("Injected label noise costs accuracy: flipping 40%"
                + " of the training labels on purpose moves test accuracy from ") && s.endsWith(", so wrong labels"
                + " would hurt this model (this does not measure how many of your own labels are wrong).")),
                d.verdict().toString());
        assertEquals(LearningCurve.FRACTIONS.length, d.learningCurve().points().size());
        assertEquals(d.trainRows(), d.learningCurve().points().get(3).trainRows());
        assertTrue(d.leakage().suspects().isEmpty(), d.leakage().suspects().toString());
        assertEquals(0, d.leakage().duplicateTestRows());
    }

    @Test
    void csvTargetCopyIsIdenticalToTheTargetAndDuplicatedRowsAreCounted() throws IOException {
        // 200 rows of two noisy features, a copy of the target under other names, and 10 rows repeated exactly,
        // so that some copies land in test while their originals stay in train.
        StringBuilder csv = new StringBuilder("a,b,copy,label\n");
        SplittableRandom random = new SplittableRandom(3);
        String[] rows = new String[200];
        for (int i = 0; i < rows.length; i++) {
            int label = i % 2;
            rows[i] = String.format(java.util.Locale.US, "%.6f,%.6f,%s,%s", random.nextGaussian() + label,
                    random.nextGaussian(), label == 1 ? "7.5" : "-2", label == 1 ? "yes" : "no");
            csv.append(rows[i]).append('\n');
        }
        for (int i = 0; i < 40; i++) {
            csv.append(rows[i]).append('\n');
        }
        Path file = dir.resolve("table.csv");
        Files.writeString(file, csv);

        Diagnosis d = diagnose(new DataSpec.Csv(file, "label"), SyntheticSpec.defaults());

        assertEquals(java.util.List.of("copy"), d.leakage().identicalToTarget());
        assertTrue(d.verdict().stream().anyMatch(s -> s.contains("'copy' is identical to the target")),
                d.verdict().toString());
        assertTrue(d.leakage().duplicateTestRows() > 0, "duplicates " + d.leakage().duplicateTestRows());
        assertEquals((double) d.leakage().duplicateTestRows() / d.testRows(), d.leakage().duplicateTestShare());
        assertTrue(d.verdict().stream().anyMatch(s -> s.startsWith("The test split shares "
                        + d.leakage().duplicateTestRows() + " of its " + d.testRows() + " rows (")),
                d.verdict().toString());
    }

    @Test
    void duplicatesCountExactRowsOnly() {
        dev.layerbench.data.Dataset train = new dev.layerbench.data.Dataset("t", new float[]{1, 2, 0.0f, 4}, 2, 2,
                new int[]{0, 1}, java.util.List.of("0", "1"), java.util.List.of("x", "y"));
        dev.layerbench.data.Dataset test = new dev.layerbench.data.Dataset("t", new float[]{1, 2, -0.0f, 4, 1, 3},
                3, 2, new int[]{1, 0, 0}, java.util.List.of("0", "1"), java.util.List.of("x", "y"));
        assertEquals(2, Leakage.duplicateTestRows(new DatasetSplit(train, test)), "−0.0 equals 0.0; (1,3) is new");
    }
}
