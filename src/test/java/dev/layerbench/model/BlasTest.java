package dev.layerbench.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct OpenBLAS products against ND4J's own, on views with offsets and every transpose combination. */
class BlasTest {
    @ParameterizedTest(name = "{0} transposeA={1} transposeB={2}")
    @CsvSource({"FLOAT32,false,false", "FLOAT32,true,false", "FLOAT32,false,true", "FLOAT32,true,true",
            "FLOAT64,false,false", "FLOAT64,true,false", "FLOAT64,false,true", "FLOAT64,true,true"})
    void directOpenBlasMatchesNd4jOnRowRangeViews(Dtype dtype, boolean transposeA, boolean transposeB) {
        Blas blas = Blas.forCurrentBackend();
        assertInstanceOf(OpenBlasGemm.class, blas, "CPU backend with OpenBLAS takes the direct path");
        Nd4j.getRandom().setSeed(1);
        // views from row 3 of wider matrices: the offset and a row stride (8) unlike the width must both hold
        INDArray a = view(dtype, transposeA ? 5 : 6, transposeA ? 6 : 5);
        INDArray b = view(dtype, transposeB ? 4 : 5, transposeB ? 5 : 4);
        INDArray c = Nd4j.rand(dtype.nd4j(), 6, 4);
        INDArray expected = c.dup();
        Nd4j.gemm(a.dup(), b.dup(), expected, transposeA, transposeB, 0.5, 2.0);

        blas.gemm(a, transposeA, b, transposeB, 0.5, 2.0, c);

        assertEquals(0.0, expected.sub(c).amaxNumber().doubleValue(), dtype == Dtype.FLOAT32 ? 1e-5 : 1e-12);
    }

    @ParameterizedTest(name = "{0} rows={1} transposeB={2}")
    @CsvSource({"FLOAT32,1,false", "FLOAT32,1,true", "FLOAT64,1,false", "FLOAT64,1,true", "FLOAT32,2,false"})
    void singleRowsAndColumnsAreComputedNotSkipped(Dtype dtype, int rows, boolean transposeB) {
        // a batch of one: ND4J may report a row stride of 1 for a 1×N matrix, an illegal BLAS leading dimension
        INDArray x = Nd4j.rand(dtype.nd4j(), rows, 7);
        INDArray w = transposeB ? Nd4j.rand(dtype.nd4j(), 3, 7) : Nd4j.rand(dtype.nd4j(), 7, 3);
        INDArray expected = Nd4j.gemm(x, w, false, transposeB);
        INDArray c = Nd4j.create(dtype.nd4j(), rows, 3);
        Blas.forCurrentBackend().gemm(x, false, w, transposeB, 1.0, 0.0, c);
        assertEquals(0.0, expected.sub(c).amaxNumber().doubleValue(), dtype == Dtype.FLOAT32 ? 1e-5 : 1e-12);

        // a one-row result from a transposed column: 1ᵀ·X (a bias gradient), and a column view with stride 7
        INDArray column = x.transpose().dup('c').get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
        INDArray row = Nd4j.create(dtype.nd4j(), 1, 3);
        Blas.forCurrentBackend().gemm(column, true, w, transposeB, 2.0, 0.0, row);
        assertEquals(0.0, Nd4j.gemm(column.dup(), w, true, transposeB).muli(2).sub(row).amaxNumber().doubleValue(),
                dtype == Dtype.FLOAT32 ? 1e-5 : 1e-12);

        INDArray ones = Nd4j.ones(dtype.nd4j(), rows, 1);
        INDArray columnSums = Nd4j.create(dtype.nd4j(), 1, 7);
        Blas.forCurrentBackend().gemm(ones, true, x, false, 1.0, 0.0, columnSums);
        assertEquals(0.0, x.sum(0).reshape(1, 7).sub(columnSums).amaxNumber().doubleValue(), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32", "FLOAT64"})
    void outerProductOverwritesEvenANaNLeftBehind(Dtype dtype) {
        // the weight gradient of a batch of one: dW = xᵀ·g with a single inner dimension
        INDArray x = Nd4j.rand(dtype.nd4j(), 1, 6);
        INDArray g = Nd4j.rand(dtype.nd4j(), 1, 4);
        INDArray dw = Nd4j.valueArrayOf(new long[]{6, 4}, Double.NaN, dtype.nd4j());
        Blas.forCurrentBackend().gemm(x, true, g, false, 0.5, 0.0, dw);
        INDArray expected = Nd4j.gemm(x, g, true, false).muli(0.5);
        assertEquals(0.0, expected.sub(dw).amaxNumber().doubleValue(), dtype == Dtype.FLOAT32 ? 1e-6 : 1e-15);
    }

    @Test
    void outerProductIntoAViewZeroesItsRowsAndNothingBeside() {
        // c's rows are 7 apart and 4 wide: zeroed row by row, the 3 columns past them left as they were
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 6);
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, 4);
        INDArray wide = Nd4j.valueArrayOf(new long[]{6, 7}, Double.NaN, DataType.FLOAT);
        INDArray dw = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4));
        Blas.forCurrentBackend().gemm(x, true, g, false, 1.0, 0.0, dw);
        assertEquals(0.0, Nd4j.gemm(x, g, true, false).sub(dw).amaxNumber().doubleValue(), 1e-6);
        assertTrue(wide.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7)).isNaN().all(), "beside the view");
    }

    private static INDArray view(Dtype dtype, int rows, int columns) {
        return Nd4j.rand(dtype.nd4j(), 12, 8).get(NDArrayIndex.interval(3, 3 + rows), NDArrayIndex.interval(0, columns));
    }
}
