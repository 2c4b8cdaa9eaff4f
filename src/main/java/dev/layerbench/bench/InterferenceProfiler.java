package dev.layerbench.bench;

import dev.layerbench.backend.CpuShares;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;

/**
 * A JMH profiler that reports, with every iteration, how much of the machine was taken from it: the hypervisor's
 * steal and other processes' CPU, each in percent of all cores ({@link CpuShares}). JMH calls it just before and
 * after each iteration's measured window, so the shares belong to exactly that sample — what lets the statistics
 * set aside a sample the machine disturbed instead of guessing from its value.
 */
public final class InterferenceProfiler implements InternalProfiler {
    static final String STEAL = "interference.steal";
    static final String OTHERS = "interference.others";

    private CpuShares start;

    @Override
    public String getDescription() {
        return "hypervisor steal and other processes' CPU during each iteration, % of all cores";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = CpuShares.now();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        CpuShares end = CpuShares.now();
        return List.of(new ScalarResult(STEAL, end.stealPercentSince(start), "%", AggregationPolicy.AVG),
                new ScalarResult(OTHERS, end.othersPercentSince(start), "%", AggregationPolicy.AVG));
    }
}
