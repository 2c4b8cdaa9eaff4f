package dev.layerbench.model;

import com.sun.jna.NativeLibrary;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cutting of skinny products for OpenBLAS's small-matrix kernels: the rule it follows, the pieces it makes, and
 * that a cut product is the whole product — on views, with α and β, touching nothing beside C, and giving equal
 * columns (or rows) for equal weights, which the symmetry study depends on.
 */
class SmallMatrixKernelsTest {
    @Test
    void permitFollowsOpenBlasRuleAtItsEdges() {
        // the weight gradient dWᵀ = Gᵀ·X of 128 × 784 → 10 is 1,003,520 multiply-adds: just past 100³
        assertFalse(SmallMatrixKernels.permitted(10, 784, 128, true, false));
        assertTrue(SmallMatrixKernels.permitted(10, 784, 127, true, false));
        // the forward X·Wᵀ reads W transposed: also an output of at most 1,200 and an inner dimension ≥ 32
        assertTrue(SmallMatrixKernels.permitted(120, 10, 784, false, true));
        assertFalse(SmallMatrixKernels.permitted(121, 10, 784, false, true));
        assertFalse(SmallMatrixKernels.permitted(4, 10, 31, false, true));
        assertFalse(SmallMatrixKernels.permitted(2, 2, 2, true, true));
        assertTrue(SmallMatrixKernels.permitted(100, 100, 100, false, false));
        assertFalse(SmallMatrixKernels.permitted(100, 100, 101, false, false));
    }

    @ParameterizedTest(name = "{0}×{1}, k={2}, transposeA={3}, transposeB={4}")
    @CsvSource({
            // forward X·Wᵀ and weight gradient Gᵀ·X of the shapes the presets time, ten outputs
            "128,10,784,false,true", "10,784,128,true,false", "1024,10,784,false,true", "10,784,1024,true,false",
            "128,10,4096,false,true", "10,4096,128,true,false", "1024,10,64,false,true", "10,256,1024,true,false",
            "2048,16,784,false,true", "16,784,2048,true,false", "3000,7,50,false,false"})
    void piecesAreAsFewAsThePermitAllowsAndEachIsPermitted(int m, int n, int k, boolean transposeA,
                                                           boolean transposeB) {
        int piece = SmallMatrixKernels.piece(m, n, k, transposeA, transposeB, true);
        assertTrue(piece > 0, "a skinny product past the permit is cut");
        boolean rows = m >= n;
        int wide = rows ? m : n;
        int pieces = (wide + piece - 1) / piece;
        for (int s = 0; s < wide; s += piece) {
            int length = Math.min(piece, wide - s);
            assertTrue(SmallMatrixKernels.permitted(rows ? length : m, rows ? n : length, k, transposeA, transposeB),
                    "piece at " + s + " of " + length);
        }
        // one piece fewer, however long, would need a piece past the permit
        int longerPiece = (wide + pieces - 2) / Math.max(1, pieces - 1);
        assertFalse(pieces > 1 && SmallMatrixKernels.permitted(rows ? longerPiece : m, rows ? n : longerPiece, k,
                transposeA, transposeB), "could have been " + (pieces - 1) + " pieces");
    }

    @ParameterizedTest(name = "{0}×{1}, k={2}, transposeA={3}, transposeB={4}")
    @CsvSource({
            "128,64,784,false,true", "64,784,128,true,false", // a hidden layer of 64: wider than 16, left whole
            "32,10,784,false,true", "10,784,32,true,false", // already permitted whole
            "128,10,784,true,true", // both transposed: OpenBLAS has no small kernel for it
            "4096,10,31,false,true"}) // inner dimension below 32 with W transposed: no piece is permitted
    void productsThatCuttingCannotHelpStayWhole(int m, int n, int k, boolean transposeA, boolean transposeB) {
        assertEquals(0, SmallMatrixKernels.piece(m, n, k, transposeA, transposeB, true));
    }

    @ParameterizedTest(name = "{0}×{1}, k={2}, transposeA={3}, transposeB={4}, {5}")
    @CsvSource({"130,10,784,false,true,FLOAT", "10,784,130,true,false,FLOAT", "10,500,300,false,false,FLOAT",
            "3000,7,50,false,false,FLOAT", "130,10,784,false,true,DOUBLE", "10,784,130,true,false,DOUBLE",
            "3000,7,50,false,false,DOUBLE"})
    void cutProductIsTheWholeProductOnViewsAndTouchesNothingBeside(int m, int n, int k, boolean transposeA,
                                                                   boolean transposeB, DataType type) {
        Nd4j.getRandom().setSeed(7);
        // every operand a view from row 2 of a wider array, so offsets and row strides unlike the widths all count
        INDArray a = view(type, transposeA ? k : m, transposeA ? m : k);
        INDArray b = view(type, transposeB ? n : k, transposeB ? k : n);
        INDArray parent = Nd4j.valueArrayOf(new long[]{m + 4, n + 5}, Double.NaN, type);
        INDArray c = parent.get(NDArrayIndex.interval(2, m + 2), NDArrayIndex.interval(1, n + 1));
        c.assign(Nd4j.rand(type, m, n));
        INDArray whole = c.dup();
        INDArray expected = c.dup();
        Nd4j.gemm(a.dup(), b.dup(), expected, transposeA, transposeB, 0.5, 2.0);

        new OpenBlasGemm(true).gemm(a, transposeA, b, transposeB, 0.5, 2.0, c);
        new OpenBlasGemm(false).gemm(a, transposeA, b, transposeB, 0.5, 2.0, whole);

        assertTrue(SmallMatrixKernels.piece(m, n, k, transposeA, transposeB, type == DataType.FLOAT) > 0,
                "this shape is cut");
        double tolerance = (type == DataType.FLOAT ? 1e-4 : 1e-12) * k;
        assertEquals(0.0, expected.sub(c).amaxNumber().doubleValue(), tolerance);
        assertEquals(0.0, whole.sub(c).amaxNumber().doubleValue(), tolerance);
        // the border around C is as it was: NaN everywhere outside the view
        assertEquals(parent.length() - c.length(), nanCount(parent));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void equalWeightsGiveBitEqualOutputsWhenCut(DataType type) {
        Nd4j.getRandom().setSeed(3);
        // forward X·Wᵀ, 10 outputs, rows cut: units 2 and 9 have equal weights
        INDArray x = Nd4j.rand(type, 257, 784).subi(0.5);
        INDArray w = Nd4j.rand(type, 10, 784).subi(0.5);
        w.getRow(9).assign(w.getRow(2));
        INDArray z = Nd4j.create(type, 257, 10);
        assertTrue(SmallMatrixKernels.piece(257, 10, 784, false, true, type == DataType.FLOAT) > 0);
        new OpenBlasGemm(true).gemm(x, false, w, true, 1.0, 0.0, z);
        assertEquals(z.getColumn(2), z.getColumn(9));
        assertNotEquals(z.getColumn(2), z.getColumn(3));

        // weight gradient Gᵀ·X, columns cut: equal output gradients give bit-equal weight-gradient rows
        INDArray g = Nd4j.rand(type, 257, 10).subi(0.5);
        g.getColumn(9).assign(g.getColumn(2));
        INDArray dw = Nd4j.create(type, 10, 784);
        assertTrue(SmallMatrixKernels.piece(10, 784, 257, true, false, type == DataType.FLOAT) > 0);
        new OpenBlasGemm(true).gemm(g, true, x, false, 1.0 / 257, 0.0, dw);
        assertEquals(dw.getRow(2), dw.getRow(9));
    }

    @ParameterizedTest
    @CsvSource({"128, 10, 784", "10, 784, 128", "1024, 10, 784", "10, 784, 1024", "128, 16, 4096", "3, 5000, 20"})
    void narrowPiecesBesideOpenBlasThreadsAreAsFewAsItsSingleThreadLineAllows(int m, int n, int k) {
        int piece = SmallMatrixKernels.sharedPiece(m, n, k, false, true, () -> 2);
        int narrow = Math.min(m, n);
        int side = Math.max(m, n);
        assertTrue(piece > 0 && (double) piece * narrow * k <= SmallMatrixKernels.MAX_SINGLE_THREAD_MULTIPLY_ADDS,
                "piece " + piece);
        int count = (side + piece - 1) / piece;
        assertTrue(count >= 2);
        // one piece fewer would need pieces past the line
        int fewer = (side + count - 2) / (count - 1);
        assertTrue((double) fewer * narrow * k > SmallMatrixKernels.MAX_SINGLE_THREAD_MULTIPLY_ADDS);
    }

    @ParameterizedTest
    @CsvSource({"10, 4096, 1024", "10, 1024, 1024", "10, 2048, 512", "10, 784, 2048", "16, 4096, 256"})
    void doubleWeightGradientsPastTheBoundStayWholeForOpenBlasToThread(int m, int n, int k) {
        assertEquals(0, SmallMatrixKernels.piece(m, n, k, true, false, false));
        assertEquals(0, SmallMatrixKernels.sharedPiece(m, n, k, true, false, () -> 2));
        // with OpenBLAS kept to one thread, halved like any product past its line: each half whole on one thread
        assertEquals(n / 2, SmallMatrixKernels.sharedPiece(m, n, k, true, false, () -> 1));
        // float's weight gradient and double's forward of the same size are still cut
        assertTrue(SmallMatrixKernels.piece(m, n, k, true, false, true) > 0);
        assertTrue(SmallMatrixKernels.sharedPiece(m, n, k, true, true, () -> 2) > 0);
        assertTrue(SmallMatrixKernels.piece(n, m, k, false, true, false) > 0);
    }

    @ParameterizedTest
    @CsvSource({"10, 784, 1024", "10, 4096, 128", "10, 4096, 196"})
    void doubleWeightGradientsUpToTheBoundAreStillCut(int m, int n, int k) {
        assertTrue((long) n * k <= SmallMatrixKernels.MAX_CUT_DOUBLE_GRADIENT_OPERAND);
        assertTrue(SmallMatrixKernels.piece(m, n, k, true, false, false) > 0);
        assertTrue(SmallMatrixKernels.sharedPiece(m, n, k, true, false, () -> 2) > 0);
    }

    @ParameterizedTest
    @CsvSource({"128, 64, 784", "64, 784, 128", "1024, 1024, 784"})
    void wideProductsAreOpenBlasesToThreadWhenItHasTwoThreads(int m, int n, int k) {
        assertEquals(0, SmallMatrixKernels.sharedPiece(m, n, k, false, true, () -> 2));
    }

    @ParameterizedTest
    @CsvSource({"128, 64, 784, 64", "64, 784, 128, 392", "128, 784, 64, 392", "1024, 10, 784, 512",
            "127, 64, 784, 64", "3, 5000, 20, 2500"})
    void withOpenBlasOnOneThreadEveryProductPastItsLineIsHalved(int m, int n, int k, int half) {
        assertEquals(half, SmallMatrixKernels.sharedPiece(m, n, k, false, true, () -> 1));
    }

    @ParameterizedTest
    @CsvSource({"32, 10, 784", "10, 64, 128", "128, 10, 64", "1, 1024, 256"})
    void productsOpenBlasRunsOnOneThreadAnywayAreNotShared(int m, int n, int k) {
        assertEquals(0, SmallMatrixKernels.sharedPiece(m, n, k, false, true, () -> 2));
        assertEquals(0, SmallMatrixKernels.sharedPiece(m, n, k, false, true, () -> 1));
    }

    @ParameterizedTest
    @CsvSource({
            "1024, 10, 784, false, true, FLOAT",   // forward, rows cut into 9 pieces
            "10, 784, 1024, true, false, FLOAT",   // weight gradient, columns cut into 9 pieces
            "128, 10, 4096, false, true, FLOAT",
            "128, 64, 784, false, true, FLOAT",    // the hidden layer's forward, halved when OpenBLAS has one thread
            "64, 784, 128, true, false, FLOAT",    // its weight gradient
            "128, 784, 64, false, false, FLOAT",   // its input gradient
            "1024, 10, 784, false, true, DOUBLE",
            "10, 784, 1024, true, false, DOUBLE",
            "128, 64, 784, false, true, DOUBLE",
            "128, 784, 64, false, false, DOUBLE"})
    void piecesSharedWithTheSecondLaneGiveTheSameBitsAsOneLane(int m, int n, int k, boolean transposeA,
                                                               boolean transposeB, DataType type) {
        Nd4j.getRandom().setSeed(11);
        INDArray a = view(type, transposeA ? k : m, transposeA ? m : k);
        INDArray b = view(type, transposeB ? n : k, transposeB ? k : n);
        INDArray before = Nd4j.rand(type, m, n);
        int threads = openblas_nolapack.blas_get_num_threads();
        boolean allowed = SecondLane.INSTANCE.allowed();
        try {
            for (int blasThreads : new int[]{1, 2}) {
                for (boolean cut : new boolean[]{true, false}) {
                    openblas_nolapack.blas_set_num_threads(1);
                    SecondLane.INSTANCE.allow(false);
                    INDArray oneLane = before.dup();
                    new OpenBlasGemm(cut).gemm(a, transposeA, b, transposeB, 0.5, 2.0, oneLane);
                    openblas_nolapack.blas_set_num_threads(blasThreads);
                    SecondLane.INSTANCE.allow(true);
                    OpenBlasGemm shared = new OpenBlasGemm(cut);
                    String what = "OpenBLAS threads " + blasThreads + ", cut " + cut;
                    for (int repeat = 0; repeat < 20; repeat++) { // each piece written once, by either lane
                        INDArray twoLanes = before.dup();
                        shared.gemm(a, transposeA, b, transposeB, 0.5, 2.0, twoLanes);
                        if (cut || blasThreads == 1) {
                            // the same pieces on one lane or two, or halves against the whole on one thread
                            assertEquals(oneLane, twoLanes, what + ", repeat " + repeat);
                        } else {
                            // narrow pieces below the line against the whole: OpenBLAS's own threads may sum apart
                            assertEquals(0.0, oneLane.sub(twoLanes).amaxNumber().doubleValue(),
                                    (type == DataType.FLOAT ? 1e-4 : 1e-12) * k, what);
                        }
                    }
                }
            }
        } finally {
            openblas_nolapack.blas_set_num_threads(threads);
            SecondLane.INSTANCE.allow(allowed);
        }
    }

    @Test
    void askingTheCoreLeavesOpenBlasSymbolsOutOfTheGlobalScope() {
        // opened RTLD_GLOBAL (JNA's default), cblas_sgemm would be found by a process-wide lookup, and libraries
        // loaded later (libtorch) could bind to it: PyTorch's benchmark rows ran 2–15× slower that way
        assertFalse(SmallMatrixKernels.CORE.isBlank()); // the query has run
        assertThrows(UnsatisfiedLinkError.class, () -> NativeLibrary.getProcess().getFunction("cblas_sgemm"));
    }

    @Test
    @EnabledIf("onMeasuredCore")
    void theBlasOfThisProcessCutsOnAMeasuredCore() {
        assertTrue(Blas.describe().contains(SmallMatrixKernels.CORE + " core; products"), Blas.describe());
    }

    static boolean onMeasuredCore() {
        return Blas.cpuBackend() && SmallMatrixKernels.available();
    }

    private static INDArray view(DataType type, int rows, int cols) {
        return Nd4j.rand(type, rows + 3, cols + 2).subi(0.5)
                .get(NDArrayIndex.interval(2, rows + 2), NDArrayIndex.interval(0, cols));
    }

    private static long nanCount(INDArray array) {
        long count = 0;
        for (float v : array.dup().data().asFloat()) {
            count += Float.isNaN(v) ? 1 : 0;
        }
        return count;
    }
}
