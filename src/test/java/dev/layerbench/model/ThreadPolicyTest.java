package dev.layerbench.model;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread policies: the own layer's within a row's budget (OpenBLAS's threads only past the line, the second
 * lane wherever the budget has two), the plain budget for everything else, and what {@code --threads auto} reads.
 */
class ThreadPolicyTest {
    private static NetworkSpec spec(int in, int hidden, int out) {
        return new NetworkSpec(in, hidden, Activation.TANH, out, Loss.SOFTMAX_CROSS_ENTROPY,
                new Initializer.XavierUniform(), new Initializer.Zero(), Dtype.FLOAT32, 1);
    }

    @ParameterizedTest(name = "{0} × {1} → {2} → {3}, budget {4}")
    @CsvSource({
            // below 16 M multiply-adds in the largest product: OpenBLAS on one thread, the lane where the budget has two
            "128, 784, 64, 10, 2, 1, true", "1024, 784, 0, 10, 2, 1, true", "128, 784, 0, 10, 1, 1, false",
            // past it: OpenBLAS gets the budget, and the lane stays allowed for the narrow products beside
            "128, 784, 0, 1024, 2, 2, true", "1024, 784, 64, 10, 2, 2, true", "128, 784, 0, 1024, 1, 1, false",
            "1024, 784, 0, 1024, 4, 4, true"})
    void ownLayerGetsOpenBlasThreadsOnlyPastTheLineAndTheLaneWhereTheBudgetHasTwo(
            int batch, int in, int hidden, int out, int budget, int blas, boolean lane) {
        ThreadPolicy policy = ThreadPolicy.forOwnLayer(budget, spec(in, hidden, out), batch);
        assertEquals(new ThreadPolicy(1, blas, lane), policy);
    }

    /**
     * A float64 network of one narrow layer keeps OpenBLAS at one thread at a budget of two, past the line too: the
     * lane halves its products. Not float32's, not with a hidden layer, not past 16 outputs, not at a budget of four.
     */
    @ParameterizedTest(name = "{0} × {1} → {2} → {3} {4}, budget {5}")
    @CsvSource({
            "1024, 4096, 0, 10, FLOAT64, 2, 1", "1024, 4096, 0, 10, FLOAT64, 4, 4", "1024, 4096, 0, 10, FLOAT32, 2, 2",
            "1024, 4096, 64, 10, FLOAT64, 2, 2", "1024, 4096, 0, 16, FLOAT64, 2, 1", "1024, 4096, 0, 17, FLOAT64, 2, 2",
            "2048, 784, 0, 10, FLOAT64, 2, 1"})
    void aWholeDoubleGradientIsHalvedOnTheLaneAtABudgetOfTwo(int batch, int in, int hidden, int out, Dtype dtype,
                                                             int budget, int blas) {
        NetworkSpec spec = new NetworkSpec(in, hidden, Activation.TANH, out, Loss.SOFTMAX_CROSS_ENTROPY,
                new Initializer.XavierUniform(), new Initializer.Zero(), dtype, 1);
        assertEquals(new ThreadPolicy(1, blas, true), ThreadPolicy.forOwnLayer(budget, spec, batch));
    }

    @Test
    void thePlainBudgetGivesOpenBlasEveryThreadAndNoLane() {
        assertEquals(new ThreadPolicy(1, 2, false), ThreadPolicy.forBudget(2));
        assertThrows(IllegalArgumentException.class, () -> ThreadPolicy.forBudget(0));
        assertThrows(IllegalArgumentException.class, () -> ThreadPolicy.forOwnLayer(0, spec(784, 0, 10), 128));
    }

    @Test
    void autoCountsTheLaneOnlyWhereItSharesAProduct() {
        int cores = Runtime.getRuntime().availableProcessors();
        // a batch of one is matrix-vector products, never shared; 32 × 784 → 10 stays below OpenBLAS's own line
        assertEquals(1, ThreadPolicy.fittedThreads(spec(784, 0, 1024), 1));
        assertEquals(1, ThreadPolicy.fittedThreads(spec(784, 0, 10), 32));
        assertEquals(Math.min(cores, 2), ThreadPolicy.fittedThreads(spec(784, 64, 10), 128));
        assertEquals(cores, ThreadPolicy.fittedThreads(spec(784, 0, 1024), 1024));
    }

    @Test
    void applyingSetsOpenBlasAndTheLaneTogether() {
        int threads = openblas_nolapack.blas_get_num_threads();
        boolean allowed = SecondLane.INSTANCE.allowed();
        try {
            new ThreadPolicy(1, 1, true).apply();
            assertEquals(1, openblas_nolapack.blas_get_num_threads());
            assertTrue(SecondLane.INSTANCE.allowed());
            ThreadPolicy.forBudget(2).apply();
            assertEquals(2, openblas_nolapack.blas_get_num_threads());
            assertFalse(SecondLane.INSTANCE.allowed());
        } finally {
            openblas_nolapack.blas_set_num_threads(threads);
            SecondLane.INSTANCE.allow(allowed);
        }
    }
}
