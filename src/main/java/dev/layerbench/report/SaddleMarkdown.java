package dev.layerbench.report;

import dev.layerbench.results.SaddleRow;
import dev.layerbench.study.SaddleStudy;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The saddle section of {@code study.md} and of the report: what the measurement defines, what the zero and the
 * near-zero starts did, and the table of steps — every number read from the rows, none typed in. Shown for the
 * first backend, as the study's other sections are.
 */
public final class SaddleMarkdown {
    private SaddleMarkdown() {
    }

    /** The section, with its table; empty without rows (a study whose scenarios left out the balanced one). */
    public static String of(List<SaddleRow> rows) {
        String text = text(rows);
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder(text).append(tableCaption(rows)).append("\n\n");
        List<List<String>> table = table(rows);
        md.append("| ").append(String.join(" | ", table.get(0))).append(" |\n|")
                .append("---|".repeat(table.get(0).size())).append('\n');
        table.subList(1, table.size()).forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return md.append('\n').toString();
    }

    /** The heading and paragraphs, without the table (the report draws that as HTML). */
    static String text(List<SaddleRow> rows) {
        List<SaddleRow> shown = firstBackend(rows);
        List<SaddleRow> hidden = shown.stream().filter(r -> r.hidden() > 0).toList();
        if (hidden.isEmpty()) {
            return "";
        }
        SaddleRow any = hidden.get(0);
        StringBuilder md = new StringBuilder(String.format(Locale.US, "## The saddle at zero weights (scenario "
                + "%s, %d hidden units, backend %s)%n%n", any.scenario(), any.hidden(), any.backend()));
        md.append(String.format(Locale.US, "Each network trains for %d updates (SGD, the study's rate and batch); its "
                        + "test accuracy is evaluated every %d updates on %d test rows. The majority share is %s. "
                        + "A network has **left the majority share** at %s (%d more correct rows than a constant "
                        + "prediction): the least accuracy that a predictor right with probability %s on each row "
                        + "reaches with probability at most %s (one-sided binomial test). It has **reached the "
                        + "level** at %s of the way from the majority share to softmax regression's final test "
                        + "accuracy (%s).%n%n",
                any.stepBudget(), any.evalEverySteps(), any.testRows(), StudyMarkdown.percent(any.majorityShare()),
                StudyMarkdown.percent(any.leaveAccuracy()),
                Math.round((any.leaveAccuracy() - any.majorityShare()) * any.testRows()),
                StudyMarkdown.percent(any.majorityShare()), SaddleStudy.LEAVE_ALPHA,
                StudyMarkdown.percent(SaddleStudy.LEVEL_SHARE), levels(shown)));
        md.append(zeroStarts(shown, hidden));
        md.append(nearZero(hidden));
        md.append(dtypes(hidden));
        return md.toString();
    }

    /** What the table's cells are. */
    static String tableCaption(List<SaddleRow> rows) {
        return String.format(Locale.US, "Updates until test accuracy left the majority share / reached the level; "
                + "never: not within %d updates.", rows.stream().mapToInt(SaddleRow::stepBudget).max().orElse(0));
    }

    /**
     * The table: a header, then one line per start (zero, then each scale uniform and constant), one column per
     * activation and dtype, each cell "steps to leave / steps to the level".
     */
    static List<List<String>> table(List<SaddleRow> rows) {
        List<SaddleRow> hidden = firstBackend(rows).stream().filter(r -> r.hidden() > 0).toList();
        List<String> columns = distinct(hidden.stream().map(SaddleMarkdown::column).toList());
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("start"));
        header.addAll(columns);
        table.add(header);
        for (String init : distinct(hidden.stream().map(SaddleRow::init).toList())) {
            SaddleRow start = hidden.stream().filter(r -> r.init().equals(init)).findFirst().orElseThrow();
            List<String> line = new ArrayList<>(List.of(start(start)));
            for (String column : columns) {
                line.add(hidden.stream().filter(r -> r.init().equals(init) && column(r).equals(column)).findFirst()
                        .map(r -> steps(r.stepsToLeave()) + " / " + steps(r.stepsToLevel())).orElse(""));
            }
            table.add(line);
        }
        return table;
    }

    private static String levels(List<SaddleRow> rows) {
        return rows.stream().filter(r -> r.hidden() == 0)
                .map(r -> StudyMarkdown.percent(r.linearLevel()) + " in " + r.dtype() + ", left the majority share "
                        + "after " + steps(r.stepsToLeave()) + " updates")
                .collect(Collectors.joining("; "));
    }

    private static String zeroStarts(List<SaddleRow> shown, List<SaddleRow> hidden) {
        List<SaddleRow> zero = hidden.stream().filter(r -> r.initKind().equals("zero")).toList();
        if (zero.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("From all-zero weights:\n\n");
        for (SaddleRow r : zero) {
            md.append(String.format(Locale.US, "- %s: final test accuracy %s, %s.%n", column(r),
                    StudyMarkdown.percent(r.finalTestAccuracy()), r.stepsToLeave() < 0
                            ? "never left the majority share within " + r.stepBudget() + " updates"
                            : "left the majority share after " + r.stepsToLeave() + " updates"));
        }
        md.append("\nThe output weights start at 0, so no error reaches the hidden layer: its weight gradient is "
                + "exactly 0 and only the output layer moves. With tanh or relu (f(0) = 0) the hidden layer outputs "
                + "zeros and the output weights' gradient is 0 as well — a fixed point SGD never leaves; only the "
                + "output bias learns the class prior. With sigmoid (f(0) = ½) the output weights do move, but on "
                + "balanced data only by each batch's chance imbalance between the classes, and the hidden layer's "
                + "way out grows only as fast as they do: the network sits at a saddle.\n\n");
        return md.toString();
    }

    /** Per activation, the uniform starts' steps against scale, and what each tenfold smaller scale costs. */
    private static String nearZero(List<SaddleRow> hidden) {
        List<SaddleRow> uniform = hidden.stream().filter(r -> r.initKind().equals("uniform")).toList();
        if (uniform.isEmpty()) {
            return "";
        }
        String dtype = uniform.get(0).dtype();
        StringBuilder md = new StringBuilder("Near zero (weights uniform ±scale, " + dtype + "), updates to leave "
                + "the majority share from the smallest scale to the largest:\n\n");
        for (String activation : distinct(uniform.stream().map(SaddleRow::activation).toList())) {
            List<SaddleRow> line = uniform.stream().filter(r -> r.activation().equals(activation)
                    && r.dtype().equals(dtype)).sorted((a, b) -> Double.compare(a.initScale(), b.initScale()))
                    .toList();
            md.append("- ").append(activation).append(": ").append(line.stream().map(r -> Charts.plain(r.initScale())
                    + " → " + steps(r.stepsToLeave())).collect(Collectors.joining(", ")));
            perDecade(line).ifPresent(cost -> md.append(String.format(Locale.US,
                    "; about %.0f more updates per tenfold smaller scale", cost)));
            md.append(".\n");
        }
        md.append("\nA start of scale ε is near the same saddle: the signal through both layers is of order ε², and it "
                + "grows by a roughly constant factor per update, so the escape takes a number of updates that grows "
                + "like log(1/ε). Constant starts add the symmetry of identical hidden units: the layer is one unit "
                + "wide, and learns only what one unit can.\n\n");
        return md.toString();
    }

    /** The least-squares slope of steps against −log10(scale) over the starts that left; empty under 3 of them. */
    private static Optional<Double> perDecade(List<SaddleRow> line) {
        SimpleRegression fit = new SimpleRegression();
        line.stream().filter(r -> r.stepsToLeave() >= 0)
                .forEach(r -> fit.addData(-Math.log10(r.initScale()), r.stepsToLeave()));
        return fit.getN() >= 3 ? Optional.of(fit.getSlope()) : Optional.empty();
    }

    private static String dtypes(List<SaddleRow> hidden) {
        List<String> dtypes = distinct(hidden.stream().map(SaddleRow::dtype).toList());
        if (dtypes.size() < 2) {
            return "";
        }
        long pairs = 0;
        long same = 0;
        for (SaddleRow a : hidden.stream().filter(r -> r.dtype().equals(dtypes.get(0))).toList()) {
            Optional<SaddleRow> b = hidden.stream().filter(r -> r.dtype().equals(dtypes.get(1))
                    && r.activation().equals(a.activation()) && r.init().equals(a.init())).findFirst();
            if (b.isPresent()) {
                pairs++;
                same += a.stepsToLeave() == b.get().stepsToLeave() && a.stepsToLevel() == b.get().stepsToLevel()
                        ? 1 : 0;
            }
        }
        return String.format(Locale.US, "%s and %s give the same step counts in %d of %d starts%s.%n%n",
                dtypes.get(0), dtypes.get(1), same, pairs, same == pairs
                        ? ": the escape is set by the starting scale, not by round-off" : "");
    }

    private static List<SaddleRow> firstBackend(List<SaddleRow> rows) {
        return rows.isEmpty() ? rows
                : rows.stream().filter(r -> r.backend().equals(rows.get(0).backend())).toList();
    }

    static String column(SaddleRow r) {
        return r.activation() + " " + r.dtype();
    }

    static String start(SaddleRow r) {
        return switch (r.initKind()) {
            case "uniform" -> "uniform ±" + Charts.plain(r.initScale());
            case "constant" -> "constant " + Charts.plain(r.initScale());
            default -> r.initKind();
        };
    }

    static String steps(int steps) {
        return steps < 0 ? "never" : Integer.toString(steps);
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
