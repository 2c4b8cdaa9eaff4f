package dev.layerbench.model;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dger;
import static org.bytedeco.openblas.global.openblas.cblas_sger;
import static org.bytedeco.openblas.global.openblas.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

/**
 * {@code cblas_?gemm} called on ND4J's host buffers, through the OpenBLAS library ND4J loaded (JavaCPP's
 * bytedeco build, the same one {@code Nd4j.gemm} ends in). Each array's leading dimension is its row stride,
 * so contiguous row ranges of a larger matrix (the trainer's batches) need no copy.
 */
final class OpenBlasGemm implements Blas {

    @Override
    public void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta,
                     INDArray c) {
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        if (m == 1) {
            rowTimesMatrix(a, transposeA, b, transposeB, alpha, beta, c, k, n);
            return;
        }
        if (k == 1 && beta == 0.0 && transposeA && !transposeB) {
            outerProduct(a, b, alpha, c, m, n);
            return;
        }
        int ta = transposeA ? CblasTrans : CblasNoTrans;
        int tb = transposeB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(a), rowStride(a), floats(b),
                    rowStride(b), (float) beta, floats(c), rowStride(c));
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(a), rowStride(a), doubles(b),
                    rowStride(b), beta, doubles(c), rowStride(c));
        }
    }

    /**
     * A one-row product {@code c = α·a·op(B) + β·c} is the matrix-vector product {@code cᵀ = α·op(B)ᵀ·aᵀ}: gemv,
     * which OpenBLAS runs several times faster than a one-row gemm (JMH: 1×784 by 784×1024 in benchmarks/NOTES.md).
     * That is every product of a batch of one.
     */
    private static void rowTimesMatrix(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha,
                                       double beta, INDArray c, int k, int n) {
        // B is stored k×n (not transposed: c = Bᵀ·a) or n×k (transposed: c = B·a)
        int trans = transposeB ? CblasNoTrans : CblasTrans;
        int rows = transposeB ? n : k;
        int cols = transposeB ? k : n;
        int increment = transposeA && a.rows() > 1 ? (int) a.stride(0) : 1;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, trans, rows, cols, (float) alpha, floats(b), rowStride(b), floats(a),
                    increment, (float) beta, floats(c), 1);
        } else {
            cblas_dgemv(CblasRowMajor, trans, rows, cols, alpha, doubles(b), rowStride(b), doubles(a), increment,
                    beta, doubles(c), 1);
        }
    }

    /**
     * {@code c = α·aᵀ·b} with a single inner dimension is the outer product of two vectors: the weight gradient
     * of a batch of one. OpenBLAS's k = 1 gemm took 552 µs for 784 × 1024 where ger, after zeroing c, takes a
     * fraction (benchmarks/NOTES.md). a is 1×m and b is 1×n, both contiguous rows.
     */
    private static void outerProduct(INDArray a, INDArray b, double alpha, INDArray c, int m, int n) {
        int ldc = rowStride(c);
        int width = c.dataType().width();
        BytePointer bytes = new BytePointer(c.data().addressPointer());
        // memset, not a scaling by 0, which would keep a NaN left by a diverged step
        for (int row = 0; row < m; row++) {
            Pointer.memset(bytes.position((long) row * ldc * width), 0, (long) n * width);
        }
        if (c.dataType() == DataType.FLOAT) {
            cblas_sger(CblasRowMajor, m, n, (float) alpha, floats(a), 1, floats(b), 1, floats(c), ldc);
        } else {
            cblas_dger(CblasRowMajor, m, n, alpha, doubles(a), 1, doubles(b), 1, doubles(c), ldc);
        }
    }

    /**
     * The leading dimension BLAS needs. ND4J may give a one-row matrix a row stride of 1, which BLAS rejects as
     * an illegal argument — and then only prints a line and computes nothing. A single row never steps by its
     * stride, so its width serves; anything else narrower than the width is refused here, loudly.
     */
    static int rowStride(INDArray matrix) {
        long columns = matrix.columns();
        long stride = matrix.rows() == 1 ? Math.max(1, columns) : matrix.stride(0);
        if (matrix.stride(1) != 1 && columns > 1 || stride < Math.max(1, columns)) {
            throw new IllegalArgumentException("OpenBLAS path needs row-major matrices with unit column stride, got "
                    + matrix.shapeInfoToString());
        }
        return (int) stride;
    }

    /** A view's buffer already starts at the view's first element; adding offset() would count it twice. */
    private static FloatPointer floats(INDArray array) {
        return new FloatPointer(array.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray array) {
        return new DoublePointer(array.data().addressPointer());
    }
}
