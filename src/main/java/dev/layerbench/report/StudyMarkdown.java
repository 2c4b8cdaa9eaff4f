package dev.layerbench.report;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.VerdictDisagreement;
import dev.layerbench.study.CellSummary;
import dev.layerbench.study.Scenario;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * {@code study.md}: the answer to "what is the 92%?" written from the measured rows, the verdict matrix of each
 * scenario, train against held-out accuracy, the float32-versus-float64 table of symmetric starts, where backends
 * disagree, each scenario's ceiling against its majority share, and every cell over its seeds. Every number in it
 * is read from the rows, none is typed in; every table but the seed line is over seeds ({@link CellSummary}).
 */
public final class StudyMarkdown {
    /** Marks a split cell: its seeds did not all reach the verdict shown. */
    static final String SPLIT = "†";
    /** Gaps (train − held-out, as fractions) beyond these are "wide" and "some"; within ±SMALL_GAP, none. */
    static final double WIDE_GAP = 0.05;
    static final double SMALL_GAP = 0.01;

    private StudyMarkdown() {
    }

    public static String of(String preset, String backend, List<String> skipped, List<StudyRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# layerbench study (preset ").append(preset).append(", backend ").append(backend).append(")\n\n");
        skipped.forEach(line -> md.append("- ").append(line).append('\n'));
        if (!skipped.isEmpty()) {
            md.append('\n');
        }
        md.append(seedLine(rows));
        String first = rows.isEmpty() ? backend : rows.get(0).backend();
        List<StudyRow> firstBackend = rows.stream().filter(r -> r.backend().equals(first)).toList();
        List<CellSummary> firstCells = CellSummary.of(firstBackend);
        md.append(ninetyTwo(firstCells));
        md.append(verdictMatrices(firstCells));
        md.append(trainAgainstHeldOut(firstBackend, firstCells));
        md.append(roundOff(rows));
        md.append(backendDifferences(rows));
        md.append(ceilings(firstCells));
        md.append(cellTable(CellSummary.of(rows)));
        return md.toString();
    }

    /** How many seeds each cell ran and which: the rows are per seed, every table below is over seeds. */
    static String seedLine(List<StudyRow> rows) {
        List<Long> seeds = rows.stream().map(StudyRow::seed).distinct().sorted().toList();
        if (seeds.isEmpty()) {
            return "";
        }
        return String.format(Locale.US, "The grid ran with %d seed%s (%s), each cell once per seed; tables give the mean ± sample "
                        + "standard deviation over seeds, and a verdict as k/n: k of the n seeds reached it (the most "
                        + "common verdict; %s marks a split cell, whose seeds did not all agree). accuracy.csv keeps "
                        + "one row per seed.%n%n", seeds.size(), seeds.size() == 1 ? "" : "s",
                seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")), SPLIT);
    }

    static String ninetyTwo(List<CellSummary> cells) {
        String imbalanced = Scenario.IMBALANCED.label();
        Optional<CellSummary> regression = find(cells, imbalanced, "zero", 0, "-", "float32");
        Optional<CellSummary> stalled = find(cells, imbalanced, "zero", -1, "tanh", "float32");
        if (regression.isEmpty() || stalled.isEmpty()) {
            return "";
        }
        CellSummary r = regression.get();
        CellSummary s = stalled.get();
        StringBuilder md = new StringBuilder("## What is the 92%?\n\n");
        md.append(String.format(Locale.US, "On the 92/8 data a constant prediction of the majority class scores %s. "
                        + "Two zero-initialised networks come out near that number for opposite reasons:%n%n",
                percent(r.majorityBaseline())));
        md.append(String.format(Locale.US, "- **No hidden layer** (softmax regression): test accuracy %s, balanced "
                        + "accuracy %s, verdict `%s`. Zero weights are harmless here: every weight's gradient depends on "
                        + "its own input, so they all move differently, and the loss is convex.%n",
                meanSd(r.testMean(), r.testSd()), meanSd(r.balancedMean(), r.balancedSd()), verdictCount(r)));
        md.append(String.format(Locale.US, "- **%d tanh hidden units**: test accuracy %s, balanced accuracy %s, "
                        + "verdict `%s`. tanh(0) = 0, so the hidden layer outputs zeros, every weight gradient is "
                        + "exactly 0 and only the output bias learns — the class prior.%n%n",
                s.hidden(), meanSd(s.testMean(), s.testSd()), meanSd(s.balancedMean(), s.balancedSd()),
                verdictCount(s)));
        md.append("The tell is balanced accuracy: a network that learned the prior and nothing else scores 1/K on it "
                + "(50% for two classes), whatever its accuracy. The classic \"92%\" of softmax regression on MNIST "
                + "is the first kind: real learning, on balanced data.\n\n");
        return md.toString();
    }

    static String verdictMatrices(List<CellSummary> cells) {
        StringBuilder md = new StringBuilder("## Verdicts (float32, backend "
                + (cells.isEmpty() ? "" : cells.get(0).backend()) + ")\n\n");
        md.append("`L` learns, `STALL` stalled at the majority share, `SYM` hidden units still identical (one unit "
                + "wide), `RO` identical at the start and broken apart by round-off, `DIV` diverged; k/n seeds "
                + "reached it (" + SPLIT + ": split); then test accuracy, mean ± sd over seeds.\n\n");
        List<String> columns = distinct(cells.stream().map(StudyMarkdown::column).toList());
        for (String scenario : distinct(cells.stream().map(CellSummary::scenario).toList())) {
            md.append("### ").append(scenario).append("\n\n| init |");
            columns.forEach(c -> md.append(' ').append(c).append(" |"));
            md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
            for (String init : distinct(cells.stream().map(CellSummary::init).toList())) {
                md.append("| ").append(init).append(" |");
                for (String column : columns) {
                    Optional<CellSummary> cell = cells.stream().filter(c -> c.scenario().equals(scenario)
                            && c.init().equals(init) && c.dtype().equals("float32") && column(c).equals(column))
                            .findFirst();
                    md.append(' ').append(cell.map(c -> "`" + verdictCount(c) + "` " + meanSd(c.testMean(),
                            c.testSd())).orElse("")).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Per scenario, accuracy on the rows a network was trained on against the held-out rows, means over seeds and
     * cells: scoring a model on its training set is how an ANN "looks perfect, then isn't". The reading is
     * worked out from the numbers; what each scenario is comes from {@link Scenario#meaning()}.
     */
    static String trainAgainstHeldOut(List<StudyRow> rows, List<CellSummary> cells) {
        List<String> scenarios = distinct(rows.stream().map(StudyRow::scenario).toList());
        if (scenarios.isEmpty()) {
            return "";
        }
        Map<String, Double> gaps = new LinkedHashMap<>();
        scenarios.forEach(s -> gaps.put(s, finiteMean(rows, s, StudyRow::trainAccuracy)
                - finiteMean(rows, s, StudyRow::testAccuracy)));
        String widest = gaps.entrySet().stream().filter(e -> Double.isFinite(e.getValue()))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        StringBuilder md = new StringBuilder("## Train against held-out accuracy\n\n");
        md.append("Accuracy on the training rows and on the held-out test rows, mean over every run of the scenario "
                + "(all cells, all seeds; diverged runs left out); the gap is train − held-out in percentage points, "
                + "and the widest cell is the one whose gap (mean over its seeds) is largest. A model scored on its "
                + "own training rows is scored on memory: only the held-out column says what it learned.\n\n");
        md.append("| scenario | what it has | train | held-out | gap | widest cell | reading |\n"
                + "|---|---|---:|---:|---:|---|---|\n");
        for (String scenario : scenarios) {
            double gap = gaps.get(scenario);
            Optional<CellSummary> widestCell = cells.stream().filter(c -> c.scenario().equals(scenario)
                    && Double.isFinite(c.gap())).max(Comparator.comparingDouble(CellSummary::gap));
            md.append(String.format(Locale.US, "| %s | %s | %s | %s | %s | %s | %s |%n", scenario, meaning(scenario),
                    percent(finiteMean(rows, scenario, StudyRow::trainAccuracy)),
                    percent(finiteMean(rows, scenario, StudyRow::testAccuracy)), points(gap),
                    widestCell.map(c -> points(c.gap()) + ": " + c.init() + ", " + column(c) + ", " + c.dtype())
                            .orElse(""), reading(gap, scenario.equals(widest) && gaps.size() > 1)));
        }
        return md.append('\n').toString();
    }

    /** What a train − held-out gap (a fraction) says, in a few words. */
    static String reading(double gap, boolean widest) {
        if (!Double.isFinite(gap)) {
            return "";
        }
        String reading;
        if (gap > WIDE_GAP) {
            reading = "wide: much of the training score is memory, and would not carry over to new rows";
        } else if (gap > SMALL_GAP) {
            reading = "some memorising: the training score flatters the model";
        } else if (gap >= -SMALL_GAP) {
            reading = "none to speak of: the training score is what the model knows";
        } else {
            reading = "held-out scores higher: a small or easier test set, luck of the draw";
        }
        return widest ? reading + " (the widest here)" : reading;
    }

    static String roundOff(List<StudyRow> rows) {
        List<StudyRow> symmetricStarts = rows.stream().filter(r -> r.hidden() > 0 && r.initialSpread() == 0.0
                && r.dtype().equals("float32")).toList();
        if (symmetricStarts.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Round-off: float32 against float64, from identical hidden units\n\n");
        md.append("Cells whose hidden units started identical. Spread is max_j ‖u_j − u_0‖ / max_j ‖u_j‖ over the "
                + "units' incoming weights and bias at the end, median over seeds; \"1e-6 at\" / \"1e-2 at\" are "
                + "the median first traced step where it crossed those values, over the seeds where it did (k/n; "
                + "blank: no seed did).\n\n");
        md.append("| backend | scenario | init | hidden | activation | float32 verdict | spread | 1e-6 at | 1e-2 at "
                + "| float64 verdict | spread | 1e-6 at | 1e-2 at |\n");
        md.append("|---|---|---|---:|---|---|---:|---:|---:|---|---:|---:|---:|\n");
        Map<String, List<StudyRow>> cells = symmetricStarts.stream().collect(Collectors.groupingBy(
                CellSummary::cellKey, LinkedHashMap::new, Collectors.toList()));
        for (List<StudyRow> f32 : cells.values()) {
            StudyRow first = f32.get(0);
            List<StudyRow> f64 = rows.stream().filter(r -> r.backend().equals(first.backend())
                    && sameConfiguration(r, first) && r.dtype().equals("float64")).toList();
            md.append(String.format(Locale.US, "| %s | %s | %s | %d | %s | %s | %s |%n", first.backend(),
                    first.scenario(), first.init(), first.hidden(), first.activation(), symmetryCells(f32),
                    symmetryCells(f64)));
        }
        return md.append('\n').toString();
    }

    /**
     * Where the same cell ends differently on another ND4J build, by {@link VerdictDisagreement}'s rule — Fisher's
     * exact test on the k/n verdict counts, or every seed differing — since with several seeds one differing run
     * can be the seeds' own variation. How many runs differ at all (verdict or test accuracy) is said too:
     * round-off is a property of the backend even where it does not change a verdict.
     */
    static String backendDifferences(List<StudyRow> rows) {
        List<String> backends = distinct(rows.stream().map(StudyRow::backend).toList());
        if (backends.size() < 2) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Where backends disagree\n\n");
        List<StudyRow> reference = rows.stream().filter(r -> r.backend().equals(backends.get(0))).toList();
        long differingRuns = reference.stream().filter(r -> rows.stream().anyMatch(o -> !o.backend()
                .equals(r.backend()) && sameConfiguration(o, r) && o.dtype().equals(r.dtype())
                && o.seed() == r.seed() && (o.verdict() != r.verdict() || o.testAccuracy() != r.testAccuracy())))
                .count();
        List<VerdictDisagreement.Comparison> comparisons = VerdictDisagreement.compare(rows);
        List<VerdictDisagreement.Comparison> disagreeing = comparisons.stream()
                .filter(VerdictDisagreement.Comparison::disagree).toList();
        md.append(String.format(Locale.US, "%d of %d runs end with another verdict or test accuracy on some build "
                        + "than on %s with the same seed. A cell's verdicts disagree when Fisher's exact test "
                        + "(two-sided) on the k/n counts of its most common verdict gives p < %s, or when every seed "
                        + "ends with another verdict on the two builds (runs pair by seed: same data, weights and "
                        + "batches); %d of %d cell comparisons do.%n%n", differingRuns, reference.size(),
                backends.get(0), VerdictDisagreement.ALPHA, disagreeing.size(), comparisons.size()));
        if (!disagreeing.isEmpty()) {
            md.append("| scenario | init | hidden | activation | dtype | backend | verdict there | verdict on ")
                    .append(backends.get(0)).append(" | counted | Fisher p | rule |\n")
                    .append("|---|---|---:|---|---|---|---|---|---|---:|---|\n");
            for (VerdictDisagreement.Comparison c : disagreeing) {
                CellSummary o = c.other();
                md.append(String.format(Locale.US, "| %s | %s | %d | %s | %s | %s | %s | %s | %s %d/%d vs %d/%d "
                                + "| %s | %s |%n", o.scenario(), o.init(), o.hidden(), o.activation(), o.dtype(),
                        o.backend(), verdictCount(o), verdictCount(c.reference()), code(c.counted()),
                        c.otherCount(), c.otherSeeds(), c.referenceCount(), c.referenceSeeds(),
                        Numbers.significant(c.pValue(), 2), c.rule()));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static boolean sameConfiguration(StudyRow a, StudyRow b) {
        return a.scenario().equals(b.scenario()) && a.init().equals(b.init()) && a.hidden() == b.hidden()
                && a.activation().equals(b.activation());
    }

    static String ceilings(List<CellSummary> cells) {
        StringBuilder md = new StringBuilder("## Why isn't it perfect? Each scenario's best cell\n\n");
        md.append("| scenario | what it has | majority share | best test accuracy (mean ± sd over seeds) | by |\n"
                + "|---|---|---:|---:|---|\n");
        for (String scenario : distinct(cells.stream().map(CellSummary::scenario).toList())) {
            cells.stream().filter(c -> c.scenario().equals(scenario) && c.verdict() != Verdict.DIVERGED
                            && Double.isFinite(c.testMean()))
                    .max(Comparator.comparingDouble(CellSummary::testMean)).ifPresent(best -> md.append(
                            String.format(Locale.US, "| %s | %s | %s | %s | %s, %s, %s |%n", scenario,
                                    meaning(scenario), percent(best.majorityBaseline()),
                                    meanSd(best.testMean(), best.testSd()), best.init(), column(best),
                                    best.dtype())));
        }
        return md.append('\n').toString();
    }

    /** Every cell on every backend, over its seeds: the table the verdict matrices abbreviate. */
    static String cellTable(List<CellSummary> cells) {
        if (cells.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Every cell over its seeds\n\n");
        md.append("Mean ± sample sd over seeds; verdict k/n (" + SPLIT + ": split); spread: median over seeds of "
                + "the final relative spread of the hidden units (blank without a hidden layer).\n\n");
        md.append("| backend | scenario | init | layer | dtype | seeds | train accuracy | test accuracy | balanced "
                + "accuracy | verdict | spread |\n|---|---|---|---|---|---:|---:|---:|---:|---|---:|\n");
        for (CellSummary c : cells) {
            md.append(String.format(Locale.US, "| %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |%n",
                    c.backend(), c.scenario(), c.init(), column(c), c.dtype(), c.seeds(),
                    meanSd(c.trainMean(), c.trainSd()), meanSd(c.testMean(), c.testSd()),
                    meanSd(c.balancedMean(), c.balancedSd()), verdictCount(c), scientific(c.medianFinalSpread())));
        }
        return md.append('\n').toString();
    }

    /** Verdict, median spread and median crossing steps of one cell's seeds; empty cells when it has none. */
    private static String symmetryCells(List<StudyRow> seeds) {
        if (seeds.isEmpty()) {
            return " | | | ";
        }
        CellSummary cell = CellSummary.of(seeds).get(0);
        return String.format(Locale.US, "%s | %s | %s | %s", verdictCount(cell), scientific(cell.medianFinalSpread()),
                medianStep(seeds, StudyRow::stepSpreadAbove1e6), medianStep(seeds, StudyRow::stepSpreadAbove1e2));
    }

    /** The median of the seeds' steps that are set (≥ 0), with how many seeds set one; blank if none did. */
    private static String medianStep(List<StudyRow> seeds, ToIntFunction<StudyRow> step) {
        double[] steps = seeds.stream().mapToInt(step).filter(s -> s >= 0).asDoubleStream().toArray();
        if (steps.length == 0) {
            return "";
        }
        String median = String.format(Locale.US, "%.0f", new Median().evaluate(steps));
        return seeds.size() == 1 ? median : median + " (" + steps.length + "/" + seeds.size() + ")";
    }

    private static Optional<CellSummary> find(List<CellSummary> cells, String scenario, String init, int hidden,
                                              String activation, String dtype) {
        return cells.stream().filter(c -> c.scenario().equals(scenario) && c.init().equals(init)
                && (hidden < 0 ? c.hidden() > 0 : c.hidden() == hidden) && c.activation().equals(activation)
                && c.dtype().equals(dtype)).findFirst();
    }

    static String column(StudyRow r) {
        return column(r.hidden(), r.activation());
    }

    static String column(CellSummary c) {
        return column(c.hidden(), c.activation());
    }

    private static String column(int hidden, String activation) {
        return hidden == 0 ? "no hidden layer" : "hidden " + hidden + " " + activation;
    }

    /** "STALL 3/3": the cell's verdict and how many of its seeds reached it, marked when they did not all. */
    static String verdictCount(CellSummary c) {
        return code(c.verdict()) + " " + c.verdictSeeds() + "/" + c.seeds() + (c.split() ? SPLIT : "");
    }

    /** "91.9 ± 0.3%", or "91.9%" for one seed, which has no spread. */
    static String meanSd(double mean, double sd) {
        if (!Double.isFinite(mean)) {
            return "–";
        }
        return Double.isFinite(sd) ? String.format(Locale.US, "%.1f ± %.1f%%", 100 * mean, 100 * sd)
                : percent(mean);
    }

    /** A gap in signed percentage points; one that rounds to zero is "+0.0", never "-0.0". */
    private static String points(double gap) {
        return Double.isFinite(gap) ? String.format(Locale.US, "%+.1f", Math.round(1000 * gap) / 10.0 + 0.0) : "–";
    }

    private static double finiteMean(List<StudyRow> rows, String scenario, ToDoubleFunction<StudyRow> metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.verdict() != Verdict.DIVERGED)
                .mapToDouble(metric).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    static String code(Verdict verdict) {
        return switch (verdict) {
            case LEARNS -> "L";
            case STALLED_AT_MAJORITY -> "STALL";
            case SYMMETRIC -> "SYM";
            case SYMMETRY_BROKEN_BY_ROUNDOFF -> "RO";
            case DIVERGED -> "DIV";
        };
    }

    private static String meaning(String scenario) {
        return Scenario.parseList(scenario).get(0).meaning();
    }

    private static List<String> distinct(List<String> values) {
        Set<String> seen = new LinkedHashSet<>(values);
        return List.copyOf(seen);
    }

    static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.US, "%.1f%%", 100 * value) : "–";
    }

    private static String scientific(double value) {
        return Double.isFinite(value) ? String.format(Locale.US, "%.1e", value) : "";
    }
}
