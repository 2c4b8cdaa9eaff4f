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
 * <p>Thread counts are not all: ND4J's native ops run on OpenMP (libnd4jcpu links libgomp; its OpenBLAS has its
 * own pthreads), and OpenMP workers spin after each parallel call by default, starving the op that follows.
 * {@link #WAIT_POLICY} (environment variable {@code OMP_WAIT_POLICY}, read once when the native library starts, so
 * it cannot be set from Java) halves a 128×1024 train step's median; {@code scripts/layerbench} and the benchmark child JVMs set it unless the user already has.
 *
 * <p>The setting is process-wide (ND4J and OpenBLAS keep it globally), so whoever runs a network applies a policy
 * first: the trainer the one for its shape ({@link #forNetwork}), the own layer's benchmarks the same fitted policy
 * within the thread budget of the row they measure ({@link #forOwnLayer}), and benchmarks of ND4J's own layers and
 * ops the plain budget ({@link #forBudget}). The system properties {@code layerbench.blasThreads} and
 * {@code layerbench.elementwiseThreads} override the trainer's counts, for experiments.
 *
 * @param secondLane whether the own layer's products may share their work with {@link SecondLane}: where two
 *                   threads are allowed and OpenBLAS is kept to one, the second core is the lane's
 */
public record ThreadPolicy(int elementwiseThreads, int blasThreads, boolean secondLane) {
    /** The OpenMP wait policy layerbench runs ND4J under: workers sleep as soon as a parallel call ends. */
    public static final Map<String, String> WAIT_POLICY = Map.of("OMP_WAIT_POLICY", "PASSIVE");

    /** Below this many multiply-adds in the largest product, one BLAS thread is faster. */
    public static final long PARALLEL_BLAS_MULTIPLY_ADDS = 16_000_000L;

    /**
     * The plain policy for a benchmark row's thread budget, for code that is not the own layer (DL4J's layers,
     * ND4J's ops): up to {@code threads} for the BLAS, one for element-wise work (see above), no second lane. A
     * budget of N means at most N threads, which the implementation uses as it sees fit — as PyTorch's own grain
     * sizes keep small ops on one thread whatever its intra-op count, and as OpenBLAS keeps products below its own
     * size threshold on one thread. No property overrides it: the row states the budget it ran under.
     */
    public static ThreadPolicy forBudget(int threads) {
        return new ThreadPolicy(1, checkedBudget(threads), false);
    }

    /**
     * The own layer's policy within a row's budget of {@code threads}, for {@code spec} at batches of {@code batch}:
     * its fitted BLAS count ({@link #PARALLEL_BLAS_MULTIPLY_ADDS}) capped by the budget, and where the budget has two
     * threads the {@link SecondLane} for the products OpenBLAS then runs on one. The products of a network below the
     * line are thus split in two by the layer, not threaded by OpenBLAS, whose two threads made them slower and
     * erratic here (the hidden layer's 128 × 784 → 64 product: 128–225 µs on two, 155–158 on one;
     * benchmarks/NOTES.md, section 15); and so are a float64 network's of one narrow layer past the line at a budget
     * of two ({@link #halvesOnTheLane}).
     */
    public static ThreadPolicy forOwnLayer(int threads, NetworkSpec spec, int batch) {
        checkedBudget(threads);
        boolean openBlasThreads = largestProduct(spec, batch) >= PARALLEL_BLAS_MULTIPLY_ADDS
                && !(threads == 2 && halvesOnTheLane(spec));
        return new ThreadPolicy(1, openBlasThreads ? threads : 1, threads > 1);
    }

    /**
     * A float64 network of one narrow layer (no hidden layer, at most {@link SmallMatrixKernels#NARROW} outputs): at
     * a budget of two, OpenBLAS keeps one thread past the line too, and the lane halves the products. Past the line
     * such a network's weight gradient is always left whole (its X holds more than
     * {@link SmallMatrixKernels#MAX_CUT_DOUBLE_GRADIENT_OPERAND} elements: 16 outputs × 1024 × 784 is below 16 M).
     * OpenBLAS's dgemm gains little from a second thread on that gradient (1024 × 4096 → 10: 9.0 ms on two, 7.3–11.4
     * on one), while its halves, one on each lane, each on one OpenBLAS thread, take about half (probe, the whole
     * train step, alternating rounds: 7.4–7.9 ms against 10.6–11.2 under the plain line; JMH: 0.63 and 0.58 of the
     * step's time, intervals within [0.49, 0.78], `faster`; own / PyTorch 1.53 [1.17, 1.86] `slower` → 0.83 [0.74,
     * 0.92] `faster`; benchmarks/NOTES.md, section 21).
     * float32's gradient is cut for the small-matrix kernels and showed no such gain (4.9–7.1 ms against 5.3–7.6),
     * so it keeps the line; budgets past two, and cores other than this machine's SkylakeX, were not measured.
     */
    private static boolean halvesOnTheLane(NetworkSpec spec) {
        return spec.dtype() == Dtype.FLOAT64 && spec.hidden() == 0 && spec.classes() <= SmallMatrixKernels.NARROW;
    }

    /** The policy for training {@code spec} with batches of {@code batch} rows: the own layer's on every core. */
    public static ThreadPolicy forNetwork(NetworkSpec spec, int batch) {
        ThreadPolicy fitted = forOwnLayer(Runtime.getRuntime().availableProcessors(), spec, batch);
        return new ThreadPolicy(Integer.getInteger("layerbench.elementwiseThreads", fitted.elementwiseThreads()),
                Integer.getInteger("layerbench.blasThreads", fitted.blasThreads()), fitted.secondLane());
    }

    /**
     * How many threads the own layer uses for {@code spec} at batches of {@code batch} under the trainer's policy
     * ({@code --threads auto}): OpenBLAS's, or two where the second lane shares a product — one of more rows than
     * one and too big for OpenBLAS to keep on one thread ({@link SmallMatrixKernels#sharedPiece}).
     */
    public static int fittedThreads(NetworkSpec spec, int batch) {
        ThreadPolicy policy = forNetwork(spec, batch);
        boolean shared = policy.secondLane && batch > 1
                && largestProduct(spec, batch) > SmallMatrixKernels.MAX_SINGLE_THREAD_MULTIPLY_ADDS;
        return shared ? Math.max(2, policy.blasThreads) : policy.blasThreads;
    }

    /** The multiply-adds of {@code spec}'s largest product at batches of {@code batch}. */
    static long largestProduct(NetworkSpec spec, int batch) {
        long firstWidth = spec.hidden() > 0 ? spec.hidden() : spec.outputs();
        long largest = Math.max((long) spec.inputs() * firstWidth,
                spec.hidden() > 0 ? (long) spec.hidden() * spec.outputs() : 0);
        return batch * largest;
    }

    private static int checkedBudget(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a thread budget must be at least 1, got " + threads);
        }
        return threads;
    }

    public void apply() {
        Nd4j.getEnvironment().setMaxThreads(elementwiseThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(elementwiseThreads);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        SecondLane.INSTANCE.allow(secondLane);
    }
}
