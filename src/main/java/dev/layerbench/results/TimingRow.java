package dev.layerbench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One measured benchmark: which backend actually ran it (as the child JVM found loaded, never as requested), which
 * implementation and operation, the shape and thread count, every raw sample, and what they say.
 *
 * <p>A row is derived from its {@link ForkSample}s: {@code samplesUs} holds one list per fork (a fresh JVM) of
 * one µs/op figure per measurement iteration, and the summary columns are computed from them
 * ({@link SampleSummary}). The comparison columns (ceiling, PyTorch peer) are filled once every backend has
 * reported; a missing partner leaves NaN and an empty verdict, never a guess.
 *
 * @param op               forward, backward, train_step, or for a ceiling row the product it times
 *                         ({@code gemm:l1.xw}, …)
 * @param threads          the thread count both sides of a comparison ran with: OpenBLAS/OpenMP threads for
 *                         ND4J, intra-op threads for PyTorch
 * @param usPerOp          the median of the samples kept ({@link #keptSamplesUs})
 * @param ciLowUs          the 95% interval of the median (see {@link SampleSummary})
 * @param cv               coefficient of variation of all samples (sd / mean)
 * @param noisy            the interval's half-width is above the precision target even after the most forks
 * @param flops            floating-point operations the implementation performs per op (its products, 2·m·n·k each)
 * @param allocBytesPerOp  Java heap bytes per op from JMH's GC profiler; ND4J's and PyTorch's off-heap buffers are
 *                         invisible to it
 * @param ceilingUs        the sum of the same backend's ceiling rows for the products this op performs, at the
 *                         same thread count; NaN if one is missing
 * @param pctOfCeiling     100 · ceilingUs / usPerOp
 * @param aboveCeiling     faster than its own ceiling by more than the intervals allow: the ceiling or the row is
 *                         wrong (README, "A ceiling that is a ceiling")
 * @param ratioToPytorch   median over the median of the pytorch row of the same op, shape and thread count on the
 *                         same kind of device
 * @param ratioLow         95% bootstrap interval of that ratio
 * @param pValue           two-sided Mann–Whitney U test of the two rows' samples
 * @param vsPytorch        faster, slower or same ({@link SpeedComparison}); empty without a peer
 * @param samplesUs        every raw sample, by fork, in the order measured
 * @param interferencePercent per sample of {@code samplesUs}, the machine's interference ({@link Interference});
 *                         null in results older than the readings
 * @param setAside         samples left out of the statistics as disturbed ({@link Interference#kept})
 */
@JsonIgnoreProperties(value = {"gflops", "keptSamplesUs"}, allowGetters = true)
public record TimingRow(String backend, String impl, String op, int batch, int in, int out, int hidden,
                        String dtype, int threads,
                        double usPerOp, double meanUs, double ciLowUs, double ciHighUs, double cv, int forks,
                        int samples, boolean noisy,
                        double flops, double allocBytesPerOp,
                        double ceilingUs, double pctOfCeiling, boolean aboveCeiling,
                        double ratioToPytorch, double ratioLow, double ratioHigh, double pValue, String vsPytorch,
                        List<List<Double>> samplesUs, List<List<Double>> interferencePercent, int setAside) {

    /**
     * A bootstrap over one or two forks cannot see the spread between JVMs — here most of the spread — and gives
     * an interval as narrow as two samples that happen to agree; a row is only called precise from three forks.
     */
    public static final int MIN_FORKS_FOR_PRECISION = 3;

    /** What identifies the measurement, so that a resumed bench can tell it was done. */
    public String key() {
        return key(backend, impl, op, batch, in, out, hidden, dtype, threads);
    }

    public static String key(String backend, String impl, String op, int batch, int in, int out, int hidden,
                             String dtype, int threads) {
        return String.join("|", backend, impl, op, Integer.toString(batch), Integer.toString(in),
                Integer.toString(out), Integer.toString(hidden), dtype, Integer.toString(threads));
    }

    /** The shape, dtype and thread count this row shares with its ceiling and its PyTorch peer. */
    public boolean sameShape(TimingRow other) {
        return batch == other.batch && in == other.in && out == other.out && hidden == other.hidden
                && dtype.equals(other.dtype) && threads == other.threads;
    }

    /**
     * A row of {@code samples} (the same key in every sample), its summary computed, comparison columns empty.
     *
     * @param noisyAbove the precision target: a relative half-width above it marks the row noisy, as does an
     *                   interval drawn from fewer than {@link #MIN_FORKS_FOR_PRECISION} forks
     */
    public static TimingRow of(List<ForkSample> samples, double flops, double noisyAbove) {
        ForkSample first = samples.get(0);
        List<List<Double>> byFork = samples.stream().map(ForkSample::iterationsUs).toList();
        List<List<Double>> interference = samples.stream().anyMatch(f -> f.interferencePercent() == null) ? null
                : samples.stream().map(ForkSample::interferencePercent).toList();
        List<List<Double>> kept = Interference.kept(byFork, interference);
        SampleSummary s = SampleSummary.of(kept);
        long keptForks = kept.stream().filter(f -> !f.isEmpty()).count();
        double alloc = samples.stream().mapToDouble(ForkSample::allocBytesPerOp).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        return new TimingRow(first.backend(), first.impl(), first.op(), first.batch(), first.in(), first.out(),
                first.hidden(), first.dtype(), first.threads(), s.medianUs(), s.meanUs(), s.ciLowUs(), s.ciHighUs(),
                s.cv(), s.forks(), s.samples(), keptForks < MIN_FORKS_FOR_PRECISION || s.relativeHalfWidth() > noisyAbove, flops, alloc,
                Double.NaN, Double.NaN, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", byFork,
                interference, Interference.setAsideCount(byFork, interference));
    }

    /** The samples the statistics use, by fork: {@code samplesUs} without those set aside as disturbed. */
    public List<List<Double>> keptSamplesUs() {
        return Interference.kept(samplesUs, interferencePercent);
    }

    @JsonProperty("gflops")
    public double gflops() {
        return flops / (usPerOp * 1e3);
    }

    /** This row with its ceiling columns. */
    public TimingRow withCeiling(double ceiling, double pct, boolean above) {
        return new TimingRow(backend, impl, op, batch, in, out, hidden, dtype, threads, usPerOp, meanUs, ciLowUs,
                ciHighUs, cv, forks, samples, noisy, flops, allocBytesPerOp, ceiling, pct, above, ratioToPytorch,
                ratioLow, ratioHigh, pValue, vsPytorch, samplesUs, interferencePercent, setAside);
    }

    /** This row with its PyTorch comparison columns. */
    public TimingRow withPeer(SpeedComparison peer) {
        return new TimingRow(backend, impl, op, batch, in, out, hidden, dtype, threads, usPerOp, meanUs, ciLowUs,
                ciHighUs, cv, forks, samples, noisy, flops, allocBytesPerOp, ceilingUs, pctOfCeiling, aboveCeiling,
                peer.ratio(), peer.ratioLow(), peer.ratioHigh(), peer.pValue(), peer.verdict().label(), samplesUs,
                interferencePercent, setAside);
    }
}
