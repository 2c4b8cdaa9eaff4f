package dev.layerbench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * OpenBLAS trusts every count and leading dimension it is given, so {@link OpenBlasGemm} must refuse whatever
 * would make it touch memory outside the three arrays (see hs_err_pid17535.log, a DataBuffer pointer overwritten
 * by a double). Each refused case here puts its arrays inside a larger canary-filled buffer: before the checks,
 * the call went through silently and wrote into the canary, or read it into C; now it throws and memory is
 * untouched. The shapes a dense layer really multiplies must all still pass, up to the last element of a buffer.
 */
class OpenBlasBoundsTest {
    private static final double CANARY = 1234.0; // exact in FLOAT16 too
    private final Blas blas = new OpenBlasGemm();

    /** A canary-filled 1×{@code length} array whose leading elements the test's arrays are carved from. */
    private static INDArray canaries(DataType type, int length) {
        return Nd4j.valueArrayOf(new long[]{1, length}, CANARY, type);
    }

    /** rows×columns with row stride {@code stride}, laid over {@code used} elements of {@code parent}'s buffer. */
    private static INDArray over(INDArray parent, long used, long rows, long columns, long stride) {
        DataBuffer window = Nd4j.createBuffer(parent.data(), 0, used);
        return Nd4j.create(window, new long[]{rows, columns}, new long[]{stride, 1}, 0, 'c', parent.dataType());
    }

    private static void assertCanaries(INDArray parent, int from) {
        double[] values = parent.toDoubleVector();
        for (int i = from; i < values.length; i++) {
            assertEquals(CANARY, values[i], "element " + i + " beyond the arrays was touched");
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT", "DOUBLE"})
    void cWhoseRowStrideRunsPastItsBufferIsRefusedNotWritten(DataType type) {
        // C claims 2×3 with row stride 4 over a 6-element buffer: its last element would be element 7, the write
        // BLAS makes there lands in whatever follows the buffer (here: the canaries)
        INDArray parent = canaries(type, 16);
        INDArray c = over(parent, 6, 2, 3, 4);
        INDArray a = Nd4j.rand(type, 2, 5);
        INDArray b = Nd4j.rand(type, 5, 3);

        assertThrows(IllegalArgumentException.class, () -> blas.gemm(a, false, b, false, 1.0, 0.0, c));
        assertCanaries(parent, 6);
    }

    @Test
    void aHalfPrecisionCIsRefusedNotWrittenAsDoubles() {
        // the pointer type follows C's type: FLOAT16 fell through to the double path and wrote 8 bytes per
        // 2-byte element, four times past C's end
        INDArray parent = canaries(DataType.HALF, 64);
        INDArray c = parent.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 4)).reshape('c', 2, 2);
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3).castTo(DataType.HALF);
        INDArray b = Nd4j.rand(DataType.FLOAT, 3, 2).castTo(DataType.HALF);

        assertThrows(IllegalArgumentException.class, () -> blas.gemm(a, false, b, false, 1.0, 0.0, c));
        assertCanaries(parent, 4);
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(Nd4j.rand(DataType.FLOAT, 2, 3), false, Nd4j.rand(DataType.DOUBLE, 3, 2), false,
                        1.0, 0.0, Nd4j.create(DataType.DOUBLE, 2, 2)),
                "a FLOAT a read as doubles runs past its end");
    }

    @ParameterizedTest(name = "{0} batch={1}")
    @CsvSource({"FLOAT,1", "FLOAT,3", "DOUBLE,1", "DOUBLE,3"})
    void mismatchedShapesAreRefusedBeforeBlasReadsPastAOrB(DataType type, int batch) {
        // m, n and k reach BLAS once; an A with fewer rows or a B with fewer rows than k was read past its end
        // (into the canaries behind it, which then showed up in C)
        INDArray parent = canaries(type, 64);
        INDArray shortA = over(parent, 4L * (batch - 1) + 4, batch, 4, 4); // batch×4, C wants (batch+1)×3
        INDArray c = Nd4j.create(type, batch + 1, 3);
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(shortA, false, Nd4j.rand(type, 4, 3), false, 1.0, 0.0, c));

        INDArray x = Nd4j.rand(type, batch, 5);
        INDArray shortB = over(parent, 12, 4, 3, 3); // 4×3 where k = 5
        INDArray z = Nd4j.create(type, batch, 3);
        assertThrows(IllegalArgumentException.class, () -> blas.gemm(x, false, shortB, false, 1.0, 0.0, z));
        assertThrows(IllegalArgumentException.class, () -> blas.gemm(x, false, shortB, true, 1.0, 0.0, z));
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(x, false, Nd4j.rand(type, 5, 4), false, 1.0, 0.0, z), "op(B) wider than C");
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(x, true, Nd4j.rand(type, batch, 3), false, 1.0, 0.0, Nd4j.create(type, 4, 3)),
                "Xᵀ·G into a C with too few rows for Xᵀ");
        // an outer product (k = 1) whose row vector is shorter than C is tall
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(Nd4j.rand(type, 1, 3), true, Nd4j.rand(type, 1, 4), false, 1.0, 0.0,
                        Nd4j.create(type, 5, 4)));
        assertEquals(0.0, z.amaxNumber().doubleValue(), "nothing was written");
    }

    @ParameterizedTest
    @CsvSource({"FLOAT", "DOUBLE"})
    void aOneRowCWithAColumnStrideIsRefusedNotWrittenContiguously(DataType type) {
        // the one-row path writes C with step 1; a row of a transposed matrix steps by 3, so BLAS would write
        // neighbouring elements of the parent that are not C's
        INDArray parent = Nd4j.valueArrayOf(new long[]{4, 3}, CANARY, type);
        INDArray c = parent.transpose().getRow(0, true); // 1×4, column stride 3
        assertThrows(IllegalArgumentException.class,
                () -> blas.gemm(Nd4j.rand(type, 1, 2), false, Nd4j.rand(type, 2, 4), false, 1.0, 0.0, c));
        assertEquals(CANARY, parent.minNumber().doubleValue());
        assertEquals(CANARY, parent.maxNumber().doubleValue());
    }

    @Test
    void higherRanksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> blas.gemm(Nd4j.rand(DataType.DOUBLE, 2, 2, 2), false,
                Nd4j.rand(DataType.DOUBLE, 2, 2), false, 1.0, 0.0, Nd4j.create(DataType.DOUBLE, 2, 2)));
    }

    /**
     * Every product {@link DenseLayer} and {@link Loss} make, on a flat parameter vector laid out like
     * {@link Network}'s {@code [W, b]}, so the bias and its gradient end exactly at the buffer's last element;
     * batch 1 takes gemv and ger, larger batches gemm; inputs are row-range views as the trainer's batches are.
     */
    @ParameterizedTest(name = "{0} batch={1}")
    @CsvSource({"FLOAT,1", "FLOAT,2", "FLOAT,5", "DOUBLE,1", "DOUBLE,2", "DOUBLE,5"})
    void everyProductOfADenseLayerStillPasses(DataType type, int batch) {
        int inputs = 4;
        int outputs = 3;
        INDArray parameters = Nd4j.rand(type, 1, inputs * outputs + outputs);
        INDArray gradients = Nd4j.create(type, 1, inputs * outputs + outputs);
        INDArray w = flatView(parameters, 0, inputs, outputs);
        INDArray bias = flatView(parameters, inputs * outputs, 1, outputs);
        INDArray dw = flatView(gradients, 0, inputs, outputs);
        INDArray db = flatView(gradients, inputs * outputs, 1, outputs);
        INDArray x = Nd4j.rand(type, batch + 3, inputs).get(NDArrayIndex.interval(2, 2 + batch), NDArrayIndex.all());
        INDArray ones = Nd4j.ones(type, batch, 1);
        INDArray g = Nd4j.rand(type, batch, outputs);
        INDArray z = Nd4j.create(type, batch, outputs);
        INDArray dx = Nd4j.create(type, batch, inputs);
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;

        blas.gemm(ones, false, bias, false, 1.0, 0.0, z); // Z = 1·b, a rank-1 product
        blas.gemm(x, false, w, false, 1.0, 1.0, z); // Z += X·W
        assertClose(Nd4j.gemm(x.dup(), w.dup(), false, false).addRowVector(bias), z, tolerance);

        blas.gemm(x, true, g, false, 0.5, 0.0, dw); // dW = s·Xᵀ·G
        assertClose(Nd4j.gemm(x.dup(), g, true, false).muli(0.5), dw, tolerance);
        blas.gemm(ones, true, g, false, 0.5, 0.0, db); // db = s·1ᵀ·G, ending at the buffer's last element
        assertClose(g.sum(true, 0).muli(0.5), db, tolerance);
        blas.gemm(g, false, w, true, 0.5, 0.0, dx); // dX = s·G·Wᵀ
        assertClose(Nd4j.gemm(g, w.dup(), false, true).muli(0.5), dx, tolerance);

        INDArray perExample = Nd4j.create(type, batch, 1); // the loss's row sums, G·1
        blas.gemm(g, false, Nd4j.ones(type, outputs, 1), false, 1.0, 0.0, perExample);
        assertClose(g.sum(true, 1), perExample, tolerance);
    }

    @Test
    void aCThatEndsExactlyAtItsBuffersEndIsAccepted() {
        INDArray parent = canaries(DataType.DOUBLE, 16);
        INDArray c = over(parent, 7, 2, 3, 4); // last element is element 7 of 7
        blas.gemm(Nd4j.ones(DataType.DOUBLE, 2, 1), false, Nd4j.ones(DataType.DOUBLE, 1, 3), false, 1.0, 0.0, c);
        assertArrayEquals(new double[]{1, 1, 1, CANARY, 1, 1, 1}, Arrays.copyOf(parent.toDoubleVector(), 7),
                "C's two rows written, the gap between them left alone");
        assertCanaries(parent, 7);
    }

    @Test
    void aPieceOfAProductIsCheckedFromWhereItStarts() {
        // a cut product's pieces start inside their arrays: the check counts the offset, and refuses a negative one
        INDArray array = Nd4j.create(DataType.FLOAT, 4, 5);
        OpenBlasGemm.reaches(array, 15, 1, 5, 5);
        assertThrows(IllegalArgumentException.class, () -> OpenBlasGemm.reaches(array, 16, 1, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> OpenBlasGemm.reaches(array, 5, 4, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> OpenBlasGemm.reaches(array, -1, 1, 1, 1));
    }

    @ParameterizedTest
    @CsvSource({"FLOAT", "DOUBLE"})
    void axpyAndDotMatchNd4jOnViewsOfAFlatArrayAndTouchNothingElse(DataType type) {
        INDArray parent = canaries(type, 40);
        INDArray x = over(parent, 12, 3, 4, 4);
        x.assign(Nd4j.rand(type, 3, 4));
        INDArray y = Nd4j.rand(type, 3, 4);
        INDArray expected = y.add(x.mul(-0.5));
        double dot = x.castTo(DataType.DOUBLE).mul(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;

        assertEquals(dot, blas.dot(x, y), tolerance);
        blas.axpy(-0.5, x, y);

        assertClose(expected, y, tolerance);
        assertCanaries(parent, 12);
        // the same arrays again: the remembered addresses must be the right ones
        blas.axpy(0.5, x, y);
        assertClose(expected.add(x.mul(0.5)), y, tolerance);
    }

    @Test
    void level1CallsRefuseWhatTheyCannotReadAsOneFlatVector() {
        INDArray parent = canaries(DataType.FLOAT, 16);
        INDArray gappy = over(parent, 7, 2, 3, 4); // rows 4 apart: a gap BLAS would read as data
        assertThrows(IllegalArgumentException.class, () -> blas.axpy(1.0, Nd4j.ones(DataType.FLOAT, 2, 3), gappy));
        assertCanaries(parent, 7);
        assertThrows(IllegalArgumentException.class,
                () -> blas.axpy(1.0, Nd4j.ones(DataType.FLOAT, 1, 5), Nd4j.ones(DataType.FLOAT, 1, 6)));
        assertThrows(IllegalArgumentException.class,
                () -> blas.dot(Nd4j.ones(DataType.FLOAT, 1, 5), Nd4j.ones(DataType.DOUBLE, 1, 5)));
    }

    private static INDArray flatView(INDArray flat, long offset, int rows, int columns) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + (long) rows * columns))
                .reshape('c', rows, columns);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertEquals(0.0, expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE).reshape(expected.shape()))
                .amaxNumber().doubleValue(), tolerance);
    }
}
