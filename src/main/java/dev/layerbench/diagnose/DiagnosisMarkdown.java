package dev.layerbench.diagnose;

import java.util.List;
import java.util.Locale;

/** {@link Diagnosis} as a Markdown report: the verdict first, then each check's table. */
public final class DiagnosisMarkdown {
    /** The single-feature table lists this many of the best-scoring features. */
    static final int TOP_FEATURES = 5;

    private DiagnosisMarkdown() {
    }

    public static String render(Diagnosis d) {
        StringBuilder md = new StringBuilder();
        md.append("# layerbench diagnose\n\n");
        md.append("Data: ").append(d.data().get("spec")).append(String.format(Locale.US,
                " — %,d training rows, %,d test rows.%n%n", d.trainRows(), d.testRows()));
        for (String note : d.notes()) {
            md.append("_").append(note).append("_\n\n");
        }
        md.append("## Verdict\n\n");
        for (String sentence : d.verdict()) {
            md.append("- ").append(sentence).append('\n');
        }

        ClassBalance b = d.classBalance();
        md.append("\n## 1. Class balance\n\n| class | train rows | test rows |\n|---|---:|---:|\n");
        for (int k = 0; k < b.classNames().size(); k++) {
            md.append(String.format(Locale.US, "| %s | %d | %d |%n", b.classNames().get(k), b.trainCounts()[k],
                    b.testCounts()[k]));
        }
        md.append(String.format(Locale.US, "%nMajority baseline (test share of its largest class): %s. "
                        + "Always predicting the training majority class '%s' scores %s on test.%n",
                pct(b.majorityBaseline()), b.trainMajorityClassName(), pct(b.constantPredictorAccuracy())));

        Leakage l = d.leakage();
        String scoreName = l.scoreKind().equals("roc-auc") ? "ROC-AUC, max(auc, 1 − auc)"
                : "nearest-class-mean accuracy";
        md.append(String.format(Locale.US, "%n## 2. Leakage%n%nBest single features on test (%s; suspect at"
                + " ≥ %.2f):%n%n| feature | score |%n|---|---:|%n", scoreName, Leakage.SUSPECT_SCORE));
        for (Leakage.FeatureScore s : l.scores().subList(0, Math.min(TOP_FEATURES, l.scores().size()))) {
            md.append(String.format(Locale.US, "| %s | %.3f |%n", s.feature(), s.score()));
        }
        md.append(String.format(Locale.US, "%nSuspects: %s. Identical to the target: %s. Test rows duplicated from"
                        + " train: %d (%s).%n", names(l.suspects().stream().map(Leakage.FeatureScore::feature).toList()),
                names(l.identicalToTarget()), l.duplicateTestRows(), pct(l.duplicateTestShare())));

        md.append(String.format(Locale.US, "%n## 3. Label noise%n%nReference model (softmax regression, Xavier,"
                        + " SGD lr %s, batch %d, %d epochs, float32) with training labels flipped; mean ± sd over %d"
                        + " seeds, then the lowest and highest seed:%n%n"
                        + "| flipped | test accuracy | range | balanced accuracy |%n|---:|---:|---:|---:|%n",
                ReferenceModel.LEARNING_RATE, ReferenceModel.BATCH, ReferenceModel.EPOCHS,
                d.labelNoise().clean().testAccuracy().seeds()));
        for (LabelNoiseCurve.Point p : d.labelNoise().points()) {
            md.append(String.format(Locale.US, "| %.0f%% | %s | %s | %s |%n", 100 * p.noiseRate(),
                    meanSd(p.testAccuracy()), range(p.testAccuracy()), meanSd(p.balancedAccuracy())));
        }

        md.append("\n## 4. Data size\n\n| share of training set | rows | test accuracy | range |\n"
                + "|---:|---:|---:|---:|\n");
        for (LearningCurve.Point p : d.learningCurve().points()) {
            md.append(String.format(Locale.US, "| %.0f%% | %d | %s | %s |%n", 100 * p.fraction(), p.trainRows(),
                    meanSd(p.testAccuracy()), range(p.testAccuracy())));
        }
        md.append(String.format(Locale.US, "%nLast step: %+.1f points, means over seeds (still rising above %+.1f:"
                        + " %s).%n", d.learningCurve().lastGainPoints(), LearningCurve.STILL_RISING_POINTS,
                d.learningCurve().stillRising() ? "yes" : "no"));

        md.append("\n## 5. Zero initialisation\n\n| network | verdict | test accuracy | balanced accuracy |\n"
                + "|---|---|---:|---:|\n");
        for (ZeroInitComparison.Outcome o : List.of(d.zeroInit().singleLayer(), d.zeroInit().hiddenLayer())) {
            md.append(String.format(Locale.US, "| %s | %s | %s | %s |%n",
                    o.hiddenUnits() == 0 ? "single layer (softmax regression)" : o.hiddenUnits() + " tanh hidden units",
                    o.verdict(), pct(o.testAccuracy()), pct(o.balancedAccuracy())));
        }
        return md.toString();
    }

    /** "91.2 ± 0.4%": mean ± sample sd over seeds. */
    private static String meanSd(OverSeeds value) {
        return Double.isFinite(value.mean()) ? String.format(Locale.US, "%.1f ± %.1f%%", 100 * value.mean(),
                100 * value.sd()) : "n/a";
    }

    /** "90.8–91.6%": the lowest and highest seed. */
    private static String range(OverSeeds value) {
        return Double.isFinite(value.mean()) ? String.format(Locale.US, "%.1f–%.1f%%", 100 * value.low(),
                100 * value.high()) : "n/a";
    }

    private static String pct(double share) {
        return Double.isFinite(share) ? String.format(Locale.US, "%.1f%%", 100 * share) : "n/a";
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : "'" + String.join("', '", names) + "'";
    }
}
