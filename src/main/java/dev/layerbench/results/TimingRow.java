package dev.layerbench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured benchmark: which backend actually ran it (as the child JVM found loaded, never as requested),
 * which implementation and operation, the shape, and JMH's result with its 99.9% confidence half-width.
 * The last three columns compare against other rows and are filled in once all backends have reported.
 *
 * @param allocBytesPerOp Java heap bytes per op from JMH's GC profiler; ND4J's and PyTorch's off-heap buffers
 *                        are invisible to it
 * @param pctOfCeiling    GFLOP/s as a share of the same backend's {@code gemm} row of the same shape; NaN if none
 * @param ratioToPytorch  µs/op over the {@code pytorch} row of the same op and shape on the same device; NaN if none
 */
@JsonIgnoreProperties(value = "gflops", allowGetters = true)
public record TimingRow(String backend, String impl, String op, int batch, int in, int out, int hidden,
                        String dtype, double usPerOp, double errorUs, double flops, double allocBytesPerOp,
                        double pctOfCeiling, double ratioToPytorch) {

    /** What identifies the measurement, so that a resumed bench can tell it was done. */
    public String key() {
        return key(backend, impl, op, batch, in, out, hidden, dtype);
    }

    public static String key(String backend, String impl, String op, int batch, int in, int out, int hidden, String dtype) {
        return String.join("|", backend, impl, op, Integer.toString(batch), Integer.toString(in),
                Integer.toString(out), Integer.toString(hidden), dtype);
    }

    /** The shape and dtype this row shares with its ceiling and its PyTorch peer. */
    public boolean sameShape(TimingRow other) {
        return batch == other.batch && in == other.in && out == other.out && hidden == other.hidden
                && dtype.equals(other.dtype);
    }

    @JsonProperty("gflops")
    public double gflops() {
        return flops / (usPerOp * 1e3);
    }

    public TimingRow withComparisons(double pct, double ratio) {
        return new TimingRow(backend, impl, op, batch, in, out, hidden, dtype, usPerOp, errorUs, flops,
                allocBytesPerOp, pct, ratio);
    }
}
