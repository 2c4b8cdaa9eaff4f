package dev.layerbench.model;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas.cblas_ddot;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dger;
import static org.bytedeco.openblas.global.openblas.cblas_sger;
import static org.bytedeco.openblas.global.openblas.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas.cblas_sdot;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemv;

/**
 * {@code cblas_?gemm} called on ND4J's host buffers, through the OpenBLAS library ND4J loaded (JavaCPP's
 * bytedeco build, the same one {@code Nd4j.gemm} ends in). Each array's leading dimension is its row stride,
 * so contiguous row ranges of a larger matrix (the trainer's batches) need no copy.
 *
 * <p>Memory safety by construction. OpenBLAS gets raw addresses and trusts every count, step and leading
 * dimension it is given; a wrong one does not fail, it reads or writes past an array into whatever native memory
 * follows — in ND4J's heap often another array's bookkeeping, so the JVM dies later somewhere unrelated (a crash
 * of that shape, a DataBuffer pointer overwritten by a double, is hs_err_pid17535.log from commit ef951e4).
 * Hence three guards, each a few field reads and integer comparisons: {@link #gemm} refuses arrays that are not
 * all FLOAT or all DOUBLE, row-major matrices whose shapes multiply; every native call is preceded by
 * {@link #reaches} on exactly the counts it is about to get, so that no slip in this class's own index
 * arithmetic can take OpenBLAS past an array's buffer either; and the arrays are held reachable until OpenBLAS
 * has returned. A refusal is an {@link IllegalArgumentException}, never a write.
 *
 * <p>Where OpenBLAS's core has small-matrix kernels, a product with an output at most 16 wide is cut into pieces
 * that reach them ({@link SmallMatrixKernels} says why and when); each piece is checked like a whole call. Where the
 * thread policy allows two threads ({@link ThreadPolicy#secondLane}), the pieces are shared by the caller and the
 * {@link SecondLane}, and so is any other product too big for OpenBLAS to keep on one thread: halved while the
 * policy keeps OpenBLAS to one thread, and while OpenBLAS has two, a narrow product in pieces small enough that it
 * keeps each on its caller's thread ({@link SmallMatrixKernels#sharedPiece}). OpenBLAS's own two threads made such
 * products slower than one here (probes: the forward at 128 × 784 → 10 on a Zen core, 59 µs on one thread, 70–168
 * on two, 37 in halves on two lanes; the hidden layer's 128 × 784 → 64, 155–158 µs on one, 128–225 on two). Both
 * apply to float and double alike: float was measured first (sections 12–15), double in section 19, where float64
 * train steps at 1024 × 784 → 10 had run their 8 M multiply-adds on one thread whatever the budget — but for a
 * double weight gradient past {@link SmallMatrixKernels#MAX_CUT_DOUBLE_GRADIENT_OPERAND}, where pieces of either
 * kind lost to the whole product (section 20).
 *
 * <p>An instance re-aims its own pointers on every call and is therefore not thread-safe: one per network
 * ({@link Blas#forCurrentBackend()} makes a new one each time).
 */
final class OpenBlasGemm implements Blas {
    /** The argument positions: one reusable pointer each, so that A and B may be one array. */
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private final FloatArgument[] floatArguments = {new FloatArgument(), new FloatArgument(), new FloatArgument()};
    private final DoubleArgument[] doubleArguments = {new DoubleArgument(), new DoubleArgument(),
            new DoubleArgument()};
    private final ByteArgument rowBytes = new ByteArgument();
    private final HostBuffers host = new HostBuffers();
    private final CutProduct cut = new CutProduct();
    /** Whether products with a narrow output are cut for OpenBLAS's small-matrix kernels. */
    private final boolean cutSkinnyProducts;

    /** As this process's OpenBLAS core is measured to want ({@link SmallMatrixKernels#available}). */
    OpenBlasGemm() {
        this(SmallMatrixKernels.available());
    }

    /** With the cutting of skinny products on or off (tests compare the two). */
    OpenBlasGemm(boolean cutSkinnyProducts) {
        this.cutSkinnyProducts = cutSkinnyProducts;
    }

    @Override
    public String label() {
        return "openblas-direct (" + SmallMatrixKernels.CORE + " core; " + (cutSkinnyProducts
                ? "products with an output ≤ " + SmallMatrixKernels.NARROW + " wide cut for its small-matrix "
                + "kernels; " : "") + "products shared by two threads where the thread policy allows two)";
    }

    @Override
    public void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta,
                     INDArray c) {
        DataType type = c.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE || a.dataType() != type || b.dataType() != type) {
            // the pointer type below follows c; a HALF or mixed array read through it would run past its end
            throw new IllegalArgumentException("OpenBLAS path needs a, b and c all FLOAT or all DOUBLE, got "
                    + a.dataType() + ", " + b.dataType() + ", " + type);
        }
        int lda = rowStride(a);
        int ldb = rowStride(b);
        int ldc = rowStride(c);
        // op(A) is m×k, op(B) is k×n, C is m×n
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        if ((transposeA ? a.columns() : a.rows()) != m || (transposeB ? b.columns() : b.rows()) != k
                || (transposeB ? b.rows() : b.columns()) != n) {
            throw new IllegalArgumentException("shapes do not multiply: op(A) of " + shape(a, transposeA)
                    + " times op(B) of " + shape(b, transposeB) + " into C of " + shape(c, false));
        }
        try {
            if (m == 1) {
                rowTimesMatrix(a, transposeA, lda, b, transposeB, ldb, alpha, beta, c, k, n);
            } else if (k == 1 && (beta == 0.0 || beta == 1.0) && transposeA && !transposeB) {
                outerProduct(a, b, alpha, beta == 0.0, c, ldc, m, n);
            } else {
                // two threads where the thread policy allows the second lane: pieces then go to both
                boolean twoThreads = SecondLane.INSTANCE.allowed();
                boolean floats = type == DataType.FLOAT;
                int piece = cutSkinnyProducts ? SmallMatrixKernels.piece(m, n, k, transposeA, transposeB, floats) : 0;
                if (piece == 0 && twoThreads) {
                    piece = SmallMatrixKernels.sharedPiece(m, n, k, transposeA, floats,
                            openblas_nolapack::blas_get_num_threads);
                }
                if (piece == 0) {
                    product(a, 0, transposeA, lda, b, 0, transposeB, ldb, alpha, beta, c, 0, ldc, m, n, k);
                } else {
                    cut.aim(floats, host.address(a), transposeA, lda, host.address(b), transposeB,
                            ldb, alpha, beta, host.address(c), ldc, m, n, k, piece);
                    cut.check(a, b, c);
                    if (twoThreads) {
                        SecondLane.INSTANCE.run(cut, cut.count());
                    } else {
                        for (int index = 0; index < cut.count(); index++) {
                            cut.run(0, index);
                        }
                    }
                }
            }
        } finally {
            // the raw pointers hold no reference to ND4J's buffers: without these a temporary array could be
            // collected, and its memory freed by ND4J's deallocator thread, while OpenBLAS still works on it
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
            Reference.reachabilityFence(c);
        }
    }

    /**
     * One gemm call on a part of the operands: each starts {@code …Offset} elements past its array's first element,
     * and C's part is m×n. The parts' extents are checked against the buffers like every other call's.
     */
    private void product(INDArray a, long aOffset, boolean transposeA, int lda, INDArray b, long bOffset,
                         boolean transposeB, int ldb, double alpha, double beta, INDArray c, long cOffset, int ldc,
                         int m, int n, int k) {
        reaches(a, aOffset, transposeA ? k : m, transposeA ? m : k, lda);
        reaches(b, bOffset, transposeB ? n : k, transposeB ? k : n, ldb);
        reaches(c, cOffset, m, n, ldc);
        int ta = transposeA ? CblasTrans : CblasNoTrans;
        int tb = transposeB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, floats(A, a, aOffset), lda,
                    floats(B, b, bOffset), ldb, (float) beta, floats(C, c, cOffset), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, doubles(A, a, aOffset), lda, doubles(B, b, bOffset),
                    ldb, beta, doubles(C, c, cOffset), ldc);
        }
    }

    /**
     * {@code y += α·x} by OpenBLAS's axpy on the same reused pointers as the products (ND4J's level-1 wrapper made
     * ~1 KB of heap per call: the optimiser's step and the loss's residual each call it once a step).
     */
    @Override
    public void axpy(double alpha, INDArray x, INDArray y) {
        int n = vectorLength(x, y);
        try {
            if (y.dataType() == DataType.FLOAT) {
                cblas_saxpy(n, (float) alpha, floats(A, x), 1, floats(B, y), 1);
            } else {
                cblas_daxpy(n, alpha, doubles(A, x), 1, doubles(B, y), 1);
            }
        } finally {
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(y);
        }
    }

    /** The dot product of two contiguous arrays of equal length, by OpenBLAS, without heap. */
    @Override
    public double dot(INDArray x, INDArray y) {
        int n = vectorLength(x, y);
        try {
            return y.dataType() == DataType.FLOAT ? cblas_sdot(n, floats(A, x), 1, floats(B, y), 1)
                    : cblas_ddot(n, doubles(A, x), 1, doubles(B, y), 1);
        } finally {
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(y);
        }
    }

    /**
     * The common length of two arrays a level-1 call may read as flat vectors: both FLOAT or both DOUBLE, equally
     * long, each contiguous (a row, or rows with no gap between them), and within its buffer; refused otherwise.
     */
    private static int vectorLength(INDArray x, INDArray y) {
        DataType type = y.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE || x.dataType() != type) {
            throw new IllegalArgumentException("OpenBLAS level-1 path needs x and y both FLOAT or both DOUBLE, got "
                    + x.dataType() + ", " + type);
        }
        if (x.length() != y.length() || x.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length() + " and " + y.length());
        }
        contiguous(x);
        contiguous(y);
        return (int) x.length();
    }

    private static void contiguous(INDArray v) {
        if (v.rank() != 2 || rowStride(v) != v.columns()) {
            throw new IllegalArgumentException("OpenBLAS level-1 path needs contiguous matrices, got "
                    + v.shapeInfoToString());
        }
        reaches(v, v.length(), 1, 1);
    }

    /**
     * A one-row product {@code c = α·a·op(B) + β·c} is the matrix-vector product {@code cᵀ = α·op(B)ᵀ·aᵀ}: gemv,
     * which OpenBLAS runs several times faster than a one-row gemm (JMH: 1×784 by 784×1024 in benchmarks/NOTES.md).
     * That is every product of a batch of one. op(A) is 1×k: a row (step 1) or, transposed, a k×1 column whose
     * step is its row stride.
     */
    private void rowTimesMatrix(INDArray a, boolean transposeA, int lda, INDArray b, boolean transposeB,
                                       int ldb, double alpha, double beta, INDArray c, int k, int n) {
        // B is stored k×n (not transposed: c = Bᵀ·a) or n×k (transposed: c = B·a)
        int trans = transposeB ? CblasNoTrans : CblasTrans;
        int rows = transposeB ? n : k;
        int cols = transposeB ? k : n;
        int increment = transposeA ? lda : 1;
        // gemv reads x of op(B)'s width and writes y of its height (op(B) is rows×cols, or cols×rows if Trans)
        reaches(b, rows, cols, ldb);
        reaches(a, trans == CblasNoTrans ? cols : rows, 1, increment);
        reaches(c, trans == CblasNoTrans ? rows : cols, 1, 1);
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, trans, rows, cols, (float) alpha, floats(B, b), ldb, floats(A, a), increment,
                    (float) beta, floats(C, c), 1);
        } else {
            cblas_dgemv(CblasRowMajor, trans, rows, cols, alpha, doubles(B, b), ldb, doubles(A, a), increment, beta,
                    doubles(C, c), 1);
        }
    }

    /**
     * {@code c = α·aᵀ·b (+ c)} with a single inner dimension is the outer product of two vectors: the weight
     * gradient of a batch of one, or SGD's step with it. OpenBLAS's k = 1 gemm took 552 µs for 784 × 1024 where
     * ger, after zeroing c, takes a fraction (benchmarks/NOTES.md). a is 1×m and b is 1×n, both rows with unit
     * stride; ger adds onto c, so c is zeroed first unless the product is to be added ({@code zeroFirst} false).
     */
    private void outerProduct(INDArray a, INDArray b, double alpha, boolean zeroFirst, INDArray c, int ldc, int m,
                              int n) {
        reaches(a, m, 1, 1);
        reaches(b, n, 1, 1);
        reaches(c, m, n, ldc); // for the memset as for ger
        if (zeroFirst) {
            zero(c, ldc, m, n);
        }
        if (c.dataType() == DataType.FLOAT) {
            cblas_sger(CblasRowMajor, m, n, (float) alpha, floats(A, a), 1, floats(B, b), 1, floats(C, c), ldc);
        } else {
            cblas_dger(CblasRowMajor, m, n, alpha, doubles(A, a), 1, doubles(B, b), 1, doubles(C, c), ldc);
        }
    }

    /**
     * memset, not a scaling by 0, which would keep a NaN left by a diverged step; one call when the rows have no
     * gap between them (a layer's own gradient): a call per row was 784 crossings, most of a 20 µs backward.
     */
    private void zero(INDArray c, int ldc, int m, int n) {
        int width = c.dataType().width();
        long start = host.address(c);
        if (ldc == n) {
            Pointer.memset(rowBytes.at(start), 0, (long) m * n * width);
        } else {
            for (int row = 0; row < m; row++) {
                Pointer.memset(rowBytes.at(start + (long) row * ldc * width), 0, (long) n * width);
            }
        }
    }

    /**
     * The leading dimension BLAS needs. ND4J may give a one-row matrix a row stride of 1, which BLAS rejects as
     * an illegal argument — and then only prints a line and computes nothing. A single row never steps by its
     * stride, so its width serves; anything but a matrix with unit column stride and a row stride no narrower
     * than its width is refused here, loudly.
     */
    static int rowStride(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("OpenBLAS path needs matrices (rank 2), got "
                    + matrix.shapeInfoToString());
        }
        long columns = matrix.columns();
        long stride = matrix.rows() == 1 ? Math.max(1, columns) : matrix.stride(0);
        if (matrix.stride(1) != 1 && columns > 1 || stride < Math.max(1, columns) || stride > Integer.MAX_VALUE
                || matrix.rows() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("OpenBLAS path needs row-major matrices with unit column stride, got "
                    + matrix.shapeInfoToString());
        }
        return (int) stride;
    }

    /**
     * Refuses a native call that would touch {@code rows} runs of {@code cols} elements, {@code step} apart, from
     * the array's first element, unless the last of them, {@code (rows − 1)·step + cols}, lies inside the array's
     * buffer. A vector of n elements with increment s is n runs of 1. ND4J gives a view a buffer that starts at the
     * view's first element and spans to its last ({@link HostBuffers#elementsFrom}).
     */
    static void reaches(INDArray array, long rows, long cols, long step) {
        reaches(array, 0, rows, cols, step);
    }

    /** {@link #reaches(INDArray, long, long, long)} for runs that start {@code offset} elements into the array. */
    static void reaches(INDArray array, long offset, long rows, long cols, long step) {
        if (rows <= 0 || cols <= 0) {
            return; // BLAS touches nothing for an empty dimension
        }
        long available = HostBuffers.elementsFrom(array);
        long last = offset + (rows - 1) * step + cols;
        if (offset < 0 || last > available) {
            throw new IllegalArgumentException("OpenBLAS call would reach element " + last + " of a buffer of "
                    + available + ": " + array.shapeInfoToString());
        }
    }

    private static String shape(INDArray matrix, boolean transposed) {
        return (transposed ? "transposed " : "") + matrix.rows() + "×" + matrix.columns();
    }

    private FloatPointer floats(int argument, INDArray array) {
        return floats(argument, array, 0);
    }

    private FloatPointer floats(int argument, INDArray array, long offset) {
        return floatArguments[argument].at(host.address(array) + offset * Float.BYTES);
    }

    private DoublePointer doubles(int argument, INDArray array) {
        return doubles(argument, array, 0);
    }

    private DoublePointer doubles(int argument, INDArray array, long offset) {
        return doubleArguments[argument].at(host.address(array) + offset * Double.BYTES);
    }

    /**
     * A product cut into pieces along C's long side (rows when m ≥ n, else columns; {@link SmallMatrixKernels}
     * says why), re-aimed for each call. Its pieces may run on the caller's thread or the {@link SecondLane}'s, so
     * each lane has its own pointers, and every piece's extent is checked before any runs ({@link #check}): a
     * refusal then comes before the first write, and never from the other thread.
     */
    private static final class CutProduct implements SecondLane.Pieces {
        private final FloatArgument[][] floatLanes = {
                {new FloatArgument(), new FloatArgument(), new FloatArgument()},
                {new FloatArgument(), new FloatArgument(), new FloatArgument()}};
        private final DoubleArgument[][] doubleLanes = {
                {new DoubleArgument(), new DoubleArgument(), new DoubleArgument()},
                {new DoubleArgument(), new DoubleArgument(), new DoubleArgument()}};
        private boolean floats;
        private long a;
        private long b;
        private long c;
        private boolean transposeA;
        private boolean transposeB;
        private int lda;
        private int ldb;
        private int ldc;
        private double alpha;
        private double beta;
        private int m;
        private int n;
        private int k;
        private int piece;
        private boolean alongRows;

        void aim(boolean floats, long a, boolean transposeA, int lda, long b, boolean transposeB, int ldb,
                 double alpha, double beta, long c, int ldc, int m, int n, int k, int piece) {
            this.floats = floats;
            this.a = a;
            this.transposeA = transposeA;
            this.lda = lda;
            this.b = b;
            this.transposeB = transposeB;
            this.ldb = ldb;
            this.alpha = alpha;
            this.beta = beta;
            this.c = c;
            this.ldc = ldc;
            this.m = m;
            this.n = n;
            this.k = k;
            this.piece = piece;
            this.alongRows = m >= n;
        }

        int count() {
            int side = alongRows ? m : n;
            return (side + piece - 1) / piece;
        }

        /** Every piece's operands and output against the arrays' buffers ({@link #reaches}). */
        void check(INDArray aArray, INDArray bArray, INDArray cArray) {
            for (int index = 0; index < count(); index++) {
                int rows = rows(index);
                int cols = cols(index);
                reaches(aArray, aOffset(index), transposeA ? k : rows, transposeA ? rows : k, lda);
                reaches(bArray, bOffset(index), transposeB ? cols : k, transposeB ? k : cols, ldb);
                reaches(cArray, cOffset(index), rows, cols, ldc);
            }
        }

        @Override
        public void run(int lane, int index) {
            int ta = transposeA ? CblasTrans : CblasNoTrans;
            int tb = transposeB ? CblasTrans : CblasNoTrans;
            if (floats) {
                FloatArgument[] pointers = floatLanes[lane];
                cblas_sgemm(CblasRowMajor, ta, tb, rows(index), cols(index), k, (float) alpha,
                        pointers[A].at(a + aOffset(index) * Float.BYTES), lda,
                        pointers[B].at(b + bOffset(index) * Float.BYTES), ldb, (float) beta,
                        pointers[C].at(c + cOffset(index) * Float.BYTES), ldc);
            } else {
                DoubleArgument[] pointers = doubleLanes[lane];
                cblas_dgemm(CblasRowMajor, ta, tb, rows(index), cols(index), k, alpha,
                        pointers[A].at(a + aOffset(index) * Double.BYTES), lda,
                        pointers[B].at(b + bOffset(index) * Double.BYTES), ldb, beta,
                        pointers[C].at(c + cOffset(index) * Double.BYTES), ldc);
            }
        }

        private int start(int index) {
            return index * piece;
        }

        private int rows(int index) {
            return alongRows ? Math.min(piece, m - start(index)) : m;
        }

        private int cols(int index) {
            return alongRows ? n : Math.min(piece, n - start(index));
        }

        /** Rows s… of C come from rows s… of op(A): A's rows, or its columns when it enters transposed. */
        private long aOffset(int index) {
            return !alongRows ? 0 : transposeA ? start(index) : (long) start(index) * lda;
        }

        /** Columns s… of C come from columns s… of op(B): B's columns, or its rows when it enters transposed. */
        private long bOffset(int index) {
            return alongRows ? 0 : transposeB ? (long) start(index) * ldb : start(index);
        }

        private long cOffset(int index) {
            return alongRows ? (long) start(index) * ldc : start(index);
        }
    }

    /**
     * JavaCPP pointers re-aimed for each call instead of made for it: a pointer is only an address to the native
     * function it is passed to, and these never own or free memory.
     */
    private static final class FloatArgument extends FloatPointer {
        FloatPointer at(long where) {
            address = where;
            return this;
        }
    }

    private static final class DoubleArgument extends DoublePointer {
        DoublePointer at(long where) {
            address = where;
            return this;
        }
    }

    private static final class ByteArgument extends BytePointer {
        BytePointer at(long where) {
            address = where;
            return this;
        }
    }
}
