package dev.layerbench.results;

import java.util.List;

/**
 * How far one backend's answer for one quantity is from the float64 reference computed in plain Java on the same
 * inputs, weights and targets ({@code model.ReferenceStep}): a line of {@code agreement.csv} and of the
 * {@code agreement} array in {@code timing.json}.
 *
 * <p>Both errors are taken over the quantity's whole array, against its own scale, never element by element:
 * {@code maxRelErr = max|x − r| / max|r|}. The element-wise |x − r| / |r| explodes wherever the reference is near
 * zero, which gradients and biases often are, and would then report the zeros, not the backend. For
 * "params-after-100-steps" each parameter array (W1, b1, …) is scaled by its own largest value and the worst of
 * them is reported. NaN anywhere is an infinite error, written as an empty cell.
 *
 * @param backend   the backend the measuring JVM found loaded, as timing rows name it
 * @param impl      "own" (the layerbench network on ND4J) or "pytorch" (its libtorch twin)
 * @param threads   the BLAS / intra-op threads the quantity was computed with: their count can change the order
 *                  of a sum, hence its rounding
 * @param quantity  "logits", "loss", "dW1", "db1", ("dW2", "db2"), or "params-after-100-steps"
 * @param mathMode  the library's arithmetic settings that decide the rounding: the BLAS and build behind ND4J,
 *                  libtorch's float32 matmul precision (TF32 on a GPU) as far as it can be read, and the dtype
 * @param commit    the layerbench commit that computed it
 */
public record AgreementRow(String backend, String impl, String dtype, int batch, int in, int out, int hidden,
                           int threads, String quantity, double maxAbsErr, double maxRelErr, String mathMode,
                           String commit) {

    public static final List<String> COLUMNS = List.of("backend", "impl", "dtype", "batch", "in", "out", "hidden",
            "threads", "quantity", "max_abs_err", "max_rel_err", "math_mode", "commit");

    /** {@code agreement.csv}: one line per row, in the order given. */
    public static String csv(List<AgreementRow> rows) {
        return Csv.table(COLUMNS, rows.stream().map(r -> List.<Object>of(r.backend, r.impl, r.dtype, r.batch, r.in,
                r.out, r.hidden, r.threads, r.quantity, r.maxAbsErr, r.maxRelErr, r.mathMode,
                String.valueOf(r.commit))).toList());
    }

    /** What a row layerbench wrote would have and this one lacks, or null: rows come back from journals. */
    public String lacks() {
        return backend == null || impl == null || dtype == null || quantity == null || mathMode == null
                ? "a backend, impl, dtype, quantity or math mode" : null;
    }
}
