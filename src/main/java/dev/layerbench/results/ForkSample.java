package dev.layerbench.results;

import java.util.List;

/**
 * What one fork — one fresh child JVM — measured of one benchmark: a µs/op figure per measurement iteration, in
 * the order they ran. A bench journal holds these, one line each, the moment JMH reports them; a
 * {@link TimingRow} is made from all the forks of its key.
 *
 * @param op         as in {@link TimingRow#op()}
 * @param fork       which round of the run this fork belongs to, from 1
 * @param sequence   the position of this benchmark in the run's order of measurements, from 1, across every
 *                   backend and round: the order the README promises (interleaved) can be read back
 * @param iterationsUs one figure per measurement iteration
 * @param allocBytesPerOp JMH's gc.alloc.rate.norm for the fork; NaN without the profiler
 * @param stealPercent   per iteration, the hypervisor's steal in % of all cores ({@link
 *                       dev.layerbench.backend.CpuShares}); NaN where unread
 * @param othersPercent  per iteration, other processes' CPU in % of all cores; NaN where unread
 * @param cores          the cores the child JVM saw: what {@link Interference} weighs other processes against
 */
public record ForkSample(String backend, String impl, String op, int batch, int in, int out, int hidden,
                         String dtype, int threads, int fork, int sequence, List<Double> iterationsUs,
                         double allocBytesPerOp, List<Double> stealPercent, List<Double> othersPercent, int cores) {

    /** A fork without interference readings (made by hand, or journaled before they were read). */
    public ForkSample(String backend, String impl, String op, int batch, int in, int out, int hidden, String dtype,
                      int threads, int fork, int sequence, List<Double> iterationsUs, double allocBytesPerOp) {
        this(backend, impl, op, batch, in, out, hidden, dtype, threads, fork, sequence, iterationsUs,
                allocBytesPerOp, null, null, 0);
    }

    /** Per iteration, {@link Interference#percent}; null without readings. */
    public List<Double> interferencePercent() {
        if (stealPercent == null || othersPercent == null || cores < 1) {
            return null;
        }
        List<Double> interference = new java.util.ArrayList<>();
        for (int i = 0; i < iterationsUs.size(); i++) {
            interference.add(Interference.percent(stealPercent.get(i), othersPercent.get(i), threads, cores));
        }
        return List.copyOf(interference);
    }

    public String key() {
        return TimingRow.key(backend, impl, op, batch, in, out, hidden, dtype, threads);
    }
}
