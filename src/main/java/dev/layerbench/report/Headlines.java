package dev.layerbench.report;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingRow;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.VerdictDisagreement;
import dev.layerbench.study.CellSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The three sentences {@code layerbench suite} ends with, each built from the tables it just wrote and saying
 * no more than they do: own against PyTorch per operation with the verdicts of the comparisons, what a 92% from a
 * zero-initialised network is, and where backends disagree.
 */
public final class Headlines {
    private static final List<String> OPERATIONS = List.of("forward", "backward", "train_step");

    private Headlines() {
    }

    /** @param timing the bench rows, or empty; @param study the study rows, or empty */
    public static List<String> of(List<TimingRow> timing, List<StudyRow> study) {
        List<String> lines = new ArrayList<>();
        lines.add(ownVersusPytorch(timing));
        lines.add(ninetyTwoPercent(study));
        lines.add(disagreements(study));
        return lines;
    }

    /** Per operation and thread count: how many shapes own is faster, the same, slower than PyTorch. */
    static String ownVersusPytorch(List<TimingRow> timing) {
        List<TimingRow> own = timing.stream().filter(r -> r.impl().equals("own") && !r.vsPytorch().isEmpty())
                .toList();
        if (own.isEmpty()) {
            return "Own vs PyTorch: not measured here (no own and pytorch rows of the same shape and threads).";
        }
        List<String> parts = new ArrayList<>();
        for (int threads : new TreeSet<>(own.stream().map(TimingRow::threads).toList())) {
            List<String> ops = new ArrayList<>();
            for (String op : OPERATIONS) {
                List<TimingRow> rows = own.stream().filter(r -> r.threads() == threads && r.op().equals(op)).toList();
                if (!rows.isEmpty()) {
                    Map<String, Long> verdicts = rows.stream().collect(Collectors.groupingBy(TimingRow::vsPytorch,
                            LinkedHashMap::new, Collectors.counting()));
                    double low = rows.stream().mapToDouble(TimingRow::ratioToPytorch).min().orElse(Double.NaN);
                    double high = rows.stream().mapToDouble(TimingRow::ratioToPytorch).max().orElse(Double.NaN);
                    String counts = verdicts.entrySet().stream().map(v -> v.getValue() + " " + v.getKey())
                            .collect(Collectors.joining(", "));
                    String ratios = low == high ? Numbers.significant(low, 2)
                            : Numbers.significant(low, 2) + "–" + Numbers.significant(high, 2);
                    ops.add(String.format(Locale.US, "%s %s of %d shape%s (time ratio %s)", op.replace('_', ' '),
                            counts, rows.size(), rows.size() == 1 ? "" : "s", ratios));
                }
            }
            parts.add(threads + " thread" + (threads == 1 ? "" : "s") + ": " + String.join("; ", ops));
        }
        return "Own vs PyTorch (Mann–Whitney U, p < 0.01 and ≥ 3%, else same) — " + String.join(". ", parts) + ".";
    }

    /** The zero-initialised hidden layer on 92/8 data: its accuracy against the majority share. */
    static String ninetyTwoPercent(List<StudyRow> study) {
        List<StudyRow> stuck = study.stream().filter(r -> r.scenario().equals("imbalanced-92-8")
                && r.init().equals("zero") && r.hidden() > 0).toList();
        List<StudyRow> regression = study.stream().filter(r -> r.scenario().equals("imbalanced-92-8")
                && r.init().equals("zero") && r.hidden() == 0).toList();
        if (stuck.isEmpty()) {
            return "The 92%: not measured here (the study's 92/8 scenario did not run).";
        }
        long stalled = stuck.stream().filter(r -> r.verdict() == Verdict.STALLED_AT_MAJORITY).count();
        StudyRow example = stuck.get(0);
        String sentence = String.format(Locale.US, "The 92%%: on 92/8 data a zero-initialised hidden layer scores "
                        + "the majority share (%.1f%%) in %d of %d runs — it predicts one class, balanced accuracy "
                        + "%.0f%%", 100 * example.majorityBaseline(), stalled, stuck.size(),
                100 * example.balancedAccuracy());
        if (!regression.isEmpty()) {
            double balanced = regression.stream().mapToDouble(StudyRow::balancedAccuracy).average().orElse(Double.NaN);
            sentence += String.format(Locale.US, "; without a hidden layer zero init learns (balanced accuracy "
                    + "%.1f%%)", 100 * balanced);
        }
        return sentence + ".";
    }

    /**
     * Study cells whose verdict differs between backends (ND4J builds, devices) beyond the seeds' own variation:
     * {@link VerdictDisagreement}'s rule, the one study.md states.
     */
    static String disagreements(List<StudyRow> study) {
        List<String> backends = study.stream().map(StudyRow::backend).distinct().toList();
        if (backends.size() < 2) {
            return "Backends: " + (backends.isEmpty() ? "no study ran" : "only " + backends.get(0) + " ran the study")
                    + " here, so there is no disagreement to report.";
        }
        List<VerdictDisagreement.Comparison> comparisons = VerdictDisagreement.compare(study);
        List<CellSummary> split = comparisons.stream().filter(VerdictDisagreement.Comparison::disagree)
                .map(VerdictDisagreement.Comparison::other).toList();
        String rule = String.format(Locale.US, " (Fisher's exact test on the k/n verdict counts, p < %s, or every "
                + "seed differing)", VerdictDisagreement.ALPHA);
        if (split.isEmpty()) {
            return "Backends: " + String.join(", ", backends) + " agree on the verdict of every one of the "
                    + comparisons.size() + " study cell comparisons" + rule + ".";
        }
        CellSummary first = split.get(0);
        return "Backends: " + String.join(", ", backends) + " disagree on " + split.size() + " of "
                + comparisons.size() + " study cell comparisons" + rule + " (first: " + String.join(" ",
                first.scenario(), first.init(), Integer.toString(first.hidden()), first.activation(), first.dtype(),
                "on " + first.backend()) + ").";
    }
}
