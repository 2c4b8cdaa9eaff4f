package dev.layerbench.model;

import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * How many threads ND4J's element-wise ops (OpenMP) and its BLAS may use. Both pools default to every core,
 * and on a small machine they then fight: measured on 2 cores, a 128×784→10 train step had a median of 386 µs
 * with tails past 10 ms, against 143 µs and no tail with one thread each. Element-wise work on a B×O matrix is
 * too small to split, so it gets one thread; the BLAS gets every core only when the layer's largest product is
 * big enough to pay for waking them ({@link #PARALLEL_BLAS_MULTIPLY_ADDS}, chosen from the JMH runs in
 * benchmarks/NOTES.md).
 *
 * <p>Thread counts are not all: OpenBLAS here is built on OpenMP, and OpenMP workers spin after each parallel call
 * by default, starving the op that follows. {@link #WAIT_POLICY} (environment variable {@code OMP_WAIT_POLICY},
 * read once when the native library starts, so it cannot be set from Java) halves a 128×1024 train step's
 * median; {@code scripts/layerbench} and the benchmark child JVMs set it unless the user already has.
 *
 * <p>The setting is process-wide (ND4J and OpenBLAS keep it globally), so whoever runs a network applies a policy
 * first: the trainer the one for its shape ({@link #forNetwork}), the benchmarks the thread budget of the row they
 * measure ({@link #forBudget}). The system properties {@code layerbench.blasThreads} and
 * {@code layerbench.elementwiseThreads} override the trainer's counts, for experiments.
 */
public record ThreadPolicy(int elementwiseThreads, int blasThreads) {
    /** The OpenMP wait policy layerbench runs ND4J under: workers sleep as soon as a parallel call ends. */
    public static final Map<String, String> WAIT_POLICY = Map.of("OMP_WAIT_POLICY", "PASSIVE");

    /** Below this many multiply-adds in the largest product, one BLAS thread is faster. */
    public static final long PARALLEL_BLAS_MULTIPLY_ADDS = 16_000_000L;

    /**
     * The policy for a benchmark row's thread budget, the count both sides of a comparison are given: up to
     * {@code threads} for the BLAS, one for element-wise work (see above). A budget of N means at most N threads,
     * which the implementation uses as it sees fit — as PyTorch's own grain sizes keep small ops on one thread
     * whatever its intra-op count, and as OpenBLAS keeps products below its own size threshold on one thread. No
     * property overrides it: the row states the budget it ran under.
     */
    public static ThreadPolicy forBudget(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a thread budget must be at least 1, got " + threads);
        }
        return new ThreadPolicy(1, threads);
    }

    /** The policy for a network's largest product, {@code batch × fanIn × fanOut} multiply-adds. */
    public static ThreadPolicy forLargestProduct(long multiplyAdds) {
        int cores = Runtime.getRuntime().availableProcessors();
        int blas = multiplyAdds >= PARALLEL_BLAS_MULTIPLY_ADDS ? cores : 1;
        return new ThreadPolicy(Integer.getInteger("layerbench.elementwiseThreads", 1),
                Integer.getInteger("layerbench.blasThreads", blas));
    }

    /** The policy for training {@code spec} with batches of {@code batch} rows. */
    public static ThreadPolicy forNetwork(NetworkSpec spec, int batch) {
        long firstWidth = spec.hidden() > 0 ? spec.hidden() : spec.outputs();
        long largest = Math.max((long) spec.inputs() * firstWidth,
                spec.hidden() > 0 ? (long) spec.hidden() * spec.outputs() : 0);
        return forLargestProduct(batch * largest);
    }

    public void apply() {
        Nd4j.getEnvironment().setMaxThreads(elementwiseThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(elementwiseThreads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
}
