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
 */
public record ForkSample(String backend, String impl, String op, int batch, int in, int out, int hidden,
                         String dtype, int threads, int fork, int sequence, List<Double> iterationsUs,
                         double allocBytesPerOp) {

    public String key() {
        return TimingRow.key(backend, impl, op, batch, in, out, hidden, dtype, threads);
    }
}
