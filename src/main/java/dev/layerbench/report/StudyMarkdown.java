package dev.layerbench.report;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.Scenario;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code study.md}: the answer to "what is the 92%?" written from the measured rows, the verdict matrix of each
 * scenario, the float32-versus-float64 table of symmetric starts, and each scenario's ceiling against its
 * majority share. Every number in it is read from the rows, none is typed in.
 */
public final class StudyMarkdown {
    private StudyMarkdown() {
    }

    public static String of(String preset, String backend, List<String> skipped, List<StudyRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# layerbench study (preset ").append(preset).append(", backend ").append(backend).append(")\n\n");
        skipped.forEach(line -> md.append("- ").append(line).append('\n'));
        if (!skipped.isEmpty()) {
            md.append('\n');
        }
        String first = rows.isEmpty() ? backend : rows.get(0).backend();
        List<StudyRow> firstBackend = rows.stream().filter(r -> r.backend().equals(first)).toList();
        md.append(ninetyTwo(firstBackend));
        md.append(verdictMatrices(firstBackend));
        md.append(roundOff(rows));
        md.append(backendDifferences(rows));
        md.append(ceilings(firstBackend));
        return md.toString();
    }

    static String ninetyTwo(List<StudyRow> rows) {
        String imbalanced = Scenario.IMBALANCED.label();
        Optional<StudyRow> regression = find(rows, imbalanced, "zero", 0, "-", "float32");
        Optional<StudyRow> stalled = find(rows, imbalanced, "zero", -1, "tanh", "float32");
        if (regression.isEmpty() || stalled.isEmpty()) {
            return "";
        }
        StudyRow r = regression.get();
        StudyRow s = stalled.get();
        StringBuilder md = new StringBuilder("## What is the 92%?\n\n");
        md.append(String.format(Locale.US, "On the 92/8 data a constant prediction of the majority class scores %s. "
                        + "Two zero-initialised networks come out near that number for opposite reasons:%n%n",
                percent(r.majorityBaseline())));
        md.append(String.format(Locale.US, "- **No hidden layer** (softmax regression): test accuracy %s, balanced "
                        + "accuracy %s, verdict `%s`. Zero weights are harmless here: every weight's gradient depends on "
                        + "its own input, so they all move differently, and the loss is convex.%n",
                percent(r.testAccuracy()), percent(r.balancedAccuracy()), r.verdict()));
        md.append(String.format(Locale.US, "- **%d tanh hidden units**: test accuracy %s, balanced accuracy %s, "
                        + "verdict `%s`. tanh(0) = 0, so the hidden layer outputs zeros, every weight gradient is "
                        + "exactly 0 and only the output bias learns — the class prior.%n%n",
                s.hidden(), percent(s.testAccuracy()), percent(s.balancedAccuracy()), s.verdict()));
        md.append("The tell is balanced accuracy: a network that learned the prior and nothing else scores 1/K on it "
                + "(50% for two classes), whatever its accuracy. The classic \"92%\" of softmax regression on MNIST "
                + "is the first kind: real learning, on balanced data.\n\n");
        return md.toString();
    }

    static String verdictMatrices(List<StudyRow> rows) {
        StringBuilder md = new StringBuilder("## Verdicts (float32, backend "
                + (rows.isEmpty() ? "" : rows.get(0).backend()) + ")\n\n");
        md.append("`L` learns, `STALL` stalled at the majority share, `SYM` hidden units still identical (one unit "
                + "wide), `RO` identical at the start and broken apart by round-off, `DIV` diverged; then test "
                + "accuracy.\n\n");
        List<String> columns = distinct(rows.stream().map(StudyMarkdown::column).toList());
        for (String scenario : distinct(rows.stream().map(StudyRow::scenario).toList())) {
            md.append("### ").append(scenario).append("\n\n| init |");
            columns.forEach(c -> md.append(' ').append(c).append(" |"));
            md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
            for (String init : distinct(rows.stream().map(StudyRow::init).toList())) {
                md.append("| ").append(init).append(" |");
                for (String column : columns) {
                    Optional<StudyRow> cell = rows.stream().filter(r -> r.scenario().equals(scenario)
                            && r.init().equals(init) && r.dtype().equals("float32") && column(r).equals(column))
                            .findFirst();
                    md.append(' ').append(cell.map(r -> code(r.verdict()) + " " + percent(r.testAccuracy()))
                            .orElse("")).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String roundOff(List<StudyRow> rows) {
        List<StudyRow> symmetricStarts = rows.stream().filter(r -> r.hidden() > 0 && r.initialSpread() == 0.0
                && r.dtype().equals("float32")).toList();
        if (symmetricStarts.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Round-off: float32 against float64, from identical hidden units\n\n");
        md.append("Runs whose hidden units started identical. Spread is max_j ‖u_j − u_0‖ / max_j ‖u_j‖ over the "
                + "units' incoming weights and bias at the end; \"1e-6 at\" / \"1e-2 at\" are the first traced "
                + "steps where it crossed those values (blank: never).\n\n");
        md.append("| backend | scenario | init | hidden | activation | float32 verdict | spread | 1e-6 at | 1e-2 at "
                + "| float64 verdict | spread | 1e-6 at | 1e-2 at |\n");
        md.append("|---|---|---|---:|---|---|---:|---:|---:|---|---:|---:|---:|\n");
        for (StudyRow f32 : symmetricStarts) {
            Optional<StudyRow> f64 = rows.stream().filter(r -> r.backend().equals(f32.backend())
                    && sameConfiguration(r, f32) && r.dtype().equals("float64")).findFirst();
            md.append(String.format(Locale.US, "| %s | %s | %s | %d | %s | %s | %s |%n", f32.backend(),
                    f32.scenario(), f32.init(), f32.hidden(), f32.activation(), symmetryCells(Optional.of(f32)),
                    symmetryCells(f64)));
        }
        return md.append('\n').toString();
    }

    /** Where the same run ends differently on another ND4J build: round-off is a property of the backend. */
    static String backendDifferences(List<StudyRow> rows) {
        List<String> backends = distinct(rows.stream().map(StudyRow::backend).toList());
        if (backends.size() < 2) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Where backends disagree\n\n");
        List<StudyRow> reference = rows.stream().filter(r -> r.backend().equals(backends.get(0))).toList();
        int differing = 0;
        StringBuilder table = new StringBuilder("| scenario | init | hidden | activation | dtype |");
        backends.forEach(b -> table.append(' ').append(b).append(" |"));
        table.append("\n|---|---|---:|---|---|").append("---|".repeat(backends.size())).append('\n');
        for (StudyRow r : reference) {
            List<Optional<StudyRow>> same = backends.stream().map(b -> rows.stream()
                    .filter(o -> o.backend().equals(b) && sameConfiguration(o, r) && o.dtype().equals(r.dtype()))
                    .findFirst()).toList();
            boolean differs = same.stream().anyMatch(o -> o.isEmpty() || o.get().verdict() != r.verdict()
                    || o.get().testAccuracy() != r.testAccuracy());
            if (differs) {
                differing++;
                table.append(String.format(Locale.US, "| %s | %s | %d | %s | %s |", r.scenario(), r.init(),
                        r.hidden(), r.activation(), r.dtype()));
                same.forEach(o -> table.append(' ').append(o.map(x -> code(x.verdict()) + " "
                        + percent(x.testAccuracy())).orElse("–")).append(" |"));
                table.append('\n');
            }
        }
        md.append(String.format(Locale.US, "%d of %d runs end with another verdict or test accuracy on some build "
                + "than on %s.%n%n", differing, reference.size(), backends.get(0)));
        if (differing > 0) {
            md.append(table).append('\n');
        }
        return md.toString();
    }

    private static boolean sameConfiguration(StudyRow a, StudyRow b) {
        return a.scenario().equals(b.scenario()) && a.init().equals(b.init()) && a.hidden() == b.hidden()
                && a.activation().equals(b.activation());
    }

    static String ceilings(List<StudyRow> rows) {
        StringBuilder md = new StringBuilder("## Why isn't it perfect? Each scenario's best run\n\n");
        md.append("| scenario | what it has | majority share | best test accuracy | by |\n|---|---|---:|---:|---|\n");
        for (String scenario : distinct(rows.stream().map(StudyRow::scenario).toList())) {
            rows.stream().filter(r -> r.scenario().equals(scenario) && r.verdict() != Verdict.DIVERGED)
                    .max(Comparator.comparingDouble(StudyRow::testAccuracy)).ifPresent(best -> md.append(
                            String.format(Locale.US, "| %s | %s | %s | %s | %s, %s, %s |%n", scenario,
                                    meaning(scenario), percent(best.majorityBaseline()),
                                    percent(best.testAccuracy()), best.init(), column(best), best.dtype())));
        }
        return md.append('\n').toString();
    }

    private static String symmetryCells(Optional<StudyRow> row) {
        return row.map(r -> String.format(Locale.US, "%s | %s | %s | %s", r.verdict(), scientific(r.finalSpread()),
                r.stepSpreadAbove1e6() < 0 ? "" : Integer.toString(r.stepSpreadAbove1e6()),
                r.stepSpreadAbove1e2() < 0 ? "" : Integer.toString(r.stepSpreadAbove1e2()))).orElse(" | | | ");
    }

    private static Optional<StudyRow> find(List<StudyRow> rows, String scenario, String init, int hidden,
                                           String activation, String dtype) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.init().equals(init)
                && (hidden < 0 ? r.hidden() > 0 : r.hidden() == hidden) && r.activation().equals(activation)
                && r.dtype().equals(dtype)).findFirst();
    }

    static String column(StudyRow r) {
        return r.hidden() == 0 ? "no hidden layer" : "hidden " + r.hidden() + " " + r.activation();
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
