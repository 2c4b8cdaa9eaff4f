package dev.layerbench.report;

import dev.layerbench.bench.BackendAgreement;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.results.AgreementRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agreement rows as a reader takes them in beside the timings: one line per backend, implementation, dtype
 * and shape with the relative error of the logits, the loss, the worst gradient and the parameters after the SGD
 * steps; then each backend's math mode. Every number is in {@code agreement.csv} and {@code timing.json}.
 */
public final class AgreementTable {
    /** The column heads, in {@code timing.md} and the HTML report alike. */
    static final List<String> HEADS = List.of("backend", "impl", "dtype", "shape", "logits", "loss",
            "gradients (worst)", "params after " + BackendAgreement.SGD_STEPS + " SGD steps");

    /** What the numbers are; the README says the same. */
    static final String WORDS = String.format(Locale.US, "Largest relative error against a float64 reference computed in plain Java from the "
            + "same inputs, weights and targets: max|x − r| / max|r| over each quantity's array (element-wise "
            + "relative errors explode where the reference is near zero); gradients: the worst of every layer's dW "
            + "and db; params: after %d plain SGD steps (learning rate %s) on one batch, the worst parameter "
            + "array. Tanh hidden layer, softmax cross-entropy, one thread. float64 rows should be near 1e-15, "
            + "float32 rows near 1e-7; TF32 products would show 1e-4 or more.", BackendAgreement.SGD_STEPS,
            BackendAgreement.LEARNING_RATE);

    private AgreementTable() {
    }

    /** The table's lines, each cell as printed. */
    static List<List<String>> lines(List<AgreementRow> rows) {
        Map<List<String>, List<AgreementRow>> byLine = new LinkedHashMap<>();
        for (AgreementRow r : rows) {
            byLine.computeIfAbsent(List.of(r.backend(), r.impl(), r.dtype(),
                    BenchmarkShape.label(r.batch(), r.in(), r.out(), r.hidden())), k -> new ArrayList<>()).add(r);
        }
        List<List<String>> lines = new ArrayList<>();
        byLine.forEach((key, quantities) -> {
            List<String> cells = new ArrayList<>(key);
            cells.add(error(quantities, "logits"));
            cells.add(error(quantities, "loss"));
            cells.add(worstGradient(quantities));
            cells.add(error(quantities, BackendAgreement.DRIFT));
            lines.add(cells);
        });
        return lines;
    }

    /** "cpu float32: ND4J …": each backend's and dtype's math mode, once. */
    static List<String> mathModes(List<AgreementRow> rows) {
        Set<String> modes = new LinkedHashSet<>();
        rows.forEach(r -> modes.add(r.backend() + " " + r.dtype() + ": " + r.mathMode()));
        return List.copyOf(modes);
    }

    /** The Markdown section for {@code timing.md}; nothing when the result has no agreement rows. */
    public static String markdown(List<AgreementRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Agreement with a float64 reference\n\n| ")
                .append(String.join(" | ", HEADS)).append(" |\n|---|---|---|---|---:|---:|---:|---:|\n");
        lines(rows).forEach(cells -> md.append("| ").append(String.join(" | ", cells)).append(" |\n"));
        md.append('\n');
        mathModes(rows).forEach(mode -> md.append("- ").append(mode).append('\n'));
        return md.append('\n').append(WORDS).append('\n').toString();
    }

    private static String error(List<AgreementRow> quantities, String quantity) {
        return quantities.stream().filter(r -> r.quantity().equals(quantity)).findFirst()
                .map(r -> scientific(r.maxRelErr())).orElse("");
    }

    /** The largest relative error among dW1, db1, dW2, db2, with its name: "3.1e-07 (dW1)". */
    private static String worstGradient(List<AgreementRow> quantities) {
        AgreementRow worst = null;
        for (AgreementRow r : quantities) {
            if (r.quantity().startsWith("dW") || r.quantity().startsWith("db")) {
                // NaN (a non-finite error, read back from JSON) is the worst there is
                if (worst == null || !(r.maxRelErr() <= worst.maxRelErr())) {
                    worst = r;
                }
            }
        }
        return worst == null ? "" : scientific(worst.maxRelErr()) + " (" + worst.quantity() + ")";
    }

    /** Two significant figures in scientific notation; a non-finite error (NaN in the backend's output) as such. */
    static String scientific(double value) {
        return Double.isFinite(value) ? String.format(Locale.US, "%.1e", value) : "not finite";
    }
}
