package dev.layerbench.report;

import dev.layerbench.diagnose.Diagnosis;
import dev.layerbench.diagnose.LabelNoiseCurve;
import dev.layerbench.diagnose.LearningCurve;
import dev.layerbench.diagnose.OverSeeds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curves of {@code layerbench diagnose --out}: test accuracy against injected label noise and against the
 * share of the training set, each as the mean over seeds in a band from the lowest to the highest seed — the band
 * says how much of a bend in the curve is the draw.
 */
public final class DiagnosisCharts {
    public static final String LABEL_NOISE_FILE = "label-noise.svg";
    public static final String LEARNING_CURVE_FILE = "learning-curve.svg";

    private DiagnosisCharts() {
    }

    /** File name to standalone SVG, one per curve. */
    public static Map<String, String> of(Diagnosis d) {
        Charts.Series noise = Charts.Series.of("test accuracy", Palette.init(1), 0);
        Charts.Series balanced = Charts.Series.of("balanced accuracy", Palette.init(2), 1);
        for (LabelNoiseCurve.Point p : d.labelNoise().points()) {
            add(noise, 100 * p.noiseRate(), p.testAccuracy());
            add(balanced, 100 * p.noiseRate(), p.balancedAccuracy());
        }
        Charts.Series size = Charts.Series.of("test accuracy", Palette.init(1), 0);
        for (LearningCurve.Point p : d.learningCurve().points()) {
            add(size, 100 * p.fraction(), p.testAccuracy());
        }
        int seeds = d.labelNoise().clean().testAccuracy().seeds();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(LABEL_NOISE_FILE, Charts.svg(Charts.bands("Training labels flipped on purpose (" + seeds
                        + " seeds)", new Charts.Scale("training labels flipped (%)", false),
                new Charts.Scale("accuracy on test", false), List.of(noise, balanced))));
        files.put(LEARNING_CURVE_FILE, Charts.svg(Charts.bands("Share of the training set (" + seeds + " seeds)",
                new Charts.Scale("share of the training set (%)", false), new Charts.Scale("test accuracy", false),
                List.of(size))));
        return files;
    }

    private static void add(Charts.Series series, double x, OverSeeds y) {
        if (Double.isFinite(y.mean())) {
            series.add(x, y.mean(), y.low(), y.high());
        }
    }
}
