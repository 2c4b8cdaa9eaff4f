package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * What the JVM's two element-wise paths share — {@link VectorElementwise} (float32) and {@link DoubleElementwise}
 * (float64): ND4J's arrays seen as matrices over their host memory, and every call's checks of shapes and dtype,
 * with the arrays kept reachable while their memory is read, around each path's own arithmetic.
 *
 * <p>Arrays are row-major matrices with unit column stride and any row stride (trainer batches are row ranges);
 * anything else is refused. Matrices are remembered per array, as {@link HostBuffers} remembers buffers, so that a
 * step allocates none. Not thread-safe.
 */
abstract class HostElementwise implements Elementwise {
    private final DataType dtype;
    /** The least batch, in output elements, whose softmax rows are shared with the second lane. */
    private final long sharedSoftmaxElements;
    private final SoftmaxRows softmaxRows = new SoftmaxRows();
    private final HostBuffers host = new HostBuffers();
    /** The matrices of the arrays seen last, as many as {@link HostBuffers} remembers buffers. */
    private final Matrix[] matrices = new Matrix[32];
    private int nextMatrix;

    /**
     * @param sharedSoftmaxElements where the thread policy allows two threads, a softmax over at least this many
     *                              elements has its rows shared with the {@link SecondLane} (Long.MAX_VALUE: never)
     */
    HostElementwise(DataType dtype, long sharedSoftmaxElements) {
        this.dtype = dtype;
        this.sharedSoftmaxElements = sharedSoftmaxElements;
    }

    @Override
    public final void activate(Activation f, INDArray z, INDArray a) {
        if (a == z) {
            if (f == Activation.IDENTITY) {
                return;
            }
            // the SIMD tanh keeps a pass's result in its output before reading its input again
            throw new IllegalArgumentException(f + " needs its output apart from its input");
        }
        Matrix in = matrix(z);
        Matrix out = matrix(a);
        sameShape(in, out);
        try {
            activate(f, in, out);
        } finally {
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(a);
        }
    }

    @Override
    public final void activationGradient(Activation f, INDArray z, INDArray a, INDArray da, INDArray dz) {
        if (f == Activation.IDENTITY && dz == da) {
            return;
        }
        Matrix out = matrix(a);
        Matrix upstream = matrix(da);
        Matrix result = matrix(dz);
        sameShape(out, upstream);
        sameShape(out, result);
        try {
            activationGradient(f, out, upstream, result);
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(da);
            Reference.reachabilityFence(dz);
        }
    }

    @Override
    public final double lossAndResidual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        return outputAndLoss(loss, logits, targets, buffers.residual(), true);
    }

    @Override
    public final void residual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        outputAndLoss(loss, logits, targets, buffers.residual(), false);
    }

    @Override
    public final void probabilities(Loss loss, INDArray logits, INDArray out) {
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            outputAndLoss(loss, logits, null, out, false);
            return;
        }
        Matrix z = matrix(logits);
        Matrix p = matrix(out);
        if (z.cols != 1 || p.cols != 2 || z.rows != p.rows) {
            throw new IllegalArgumentException("sigmoid probabilities need B×1 logits and B×2 out, got "
                    + logits.shapeInfoToString() + " and " + out.shapeInfoToString());
        }
        try {
            binaryProbabilities(z, p);
        } finally {
            Reference.reachabilityFence(logits);
            Reference.reachabilityFence(out);
        }
    }

    /** {@code a = f(z)}, the two of the same shape and apart. */
    abstract void activate(Activation f, Matrix z, Matrix a);

    /** {@code dz = f'(z) ⊙ da}, f' read from {@code a = f(z)}; all of the same shape. */
    abstract void activationGradient(Activation f, Matrix a, Matrix da, Matrix dz);

    /**
     * Writes p (softmax of each row, or σ of the one unit) into {@code p}, minus the targets {@code y} unless y is
     * null, and returns the loss summed over the rows when {@code wantLoss} (anything otherwise).
     *
     * <p>Softmax rows are independent, so where the thread policy allows two threads and the batch is big enough
     * (per path: float64's from 8,192 elements, float32's never — measured, benchmarks/NOTES.md, section 19) the two
     * halves of the batch go to the caller and the {@link SecondLane}; the float64 softmax of a 1024 × 1024 batch
     * took 15–22 ms on one thread in scalar loops, 8 in SIMD ones (probes). Each row's loss is kept and the losses
     * are added in row order afterwards, so the sum's bits do not depend on who ran which row.
     */
    final double outputAndLossSum(Loss loss, Matrix z, Matrix y, Matrix p, boolean wantLoss) {
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            return sigmoidOutputAndLossSum(z, y, p, wantLoss);
        }
        boolean shared = SecondLane.INSTANCE.allowed() && z.rows() > 1
                && (long) z.rows() * z.cols() >= sharedSoftmaxElements;
        int pieces = shared ? 2 : 1;
        softmaxRows.aim(z, y, p, wantLoss, pieces);
        SecondLane.INSTANCE.run(softmaxRows, pieces);
        double total = 0;
        for (int r = 0; r < z.rows(); r++) {
            total += softmaxRows.rowLoss[r];
        }
        return total;
    }

    /**
     * Softmax of row {@code r} (minus y when given) into p, and the row's cross-entropy when asked, else 0; on
     * {@code lane} 0 (the caller's) or, where the path shares rows, 1 (the {@link SecondLane}'s): a path that
     * shares keeps each lane's scratch apart.
     */
    abstract double softmaxRow(int lane, Matrix z, Matrix y, Matrix p, int r, boolean wantLoss);

    /** σ of a B×1 column (minus y when given) into p, and the loss summed over the rows when asked. */
    abstract double sigmoidOutputAndLossSum(Matrix z, Matrix y, Matrix p, boolean wantLoss);

    /** Columns [1 − σ(z), σ(z)] of a B×2 {@code p}, from B×1 logits {@code z}. */
    abstract void binaryProbabilities(Matrix z, Matrix p);

    /** The array as a matrix over its host memory; remembered, so that a step allocates none. */
    final Matrix matrix(INDArray array) {
        if (array.dataType() != dtype) {
            throw new IllegalArgumentException("this element-wise path is " + dtype + ", got " + array.dataType());
        }
        ByteBuffer bytes = host.bytes(array);
        int rows = (int) array.rows();
        int cols = (int) array.columns();
        int stride = OpenBlasGemm.rowStride(array);
        for (Matrix m : matrices) {
            if (m != null && m.bytes == bytes && m.rows == rows && m.cols == cols && m.stride == stride) {
                return m;
            }
        }
        Matrix m = new Matrix(bytes, rows, cols, stride, array.data().getElementSize());
        matrices[nextMatrix] = m;
        nextMatrix = (nextMatrix + 1) % matrices.length;
        return m;
    }

    static void sameShape(Matrix a, Matrix b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("element-wise arrays differ in shape: " + a.rows + "×" + a.cols
                    + " and " + b.rows + "×" + b.cols);
        }
    }

    /** The mean loss when asked for (NaN otherwise), with the arrays checked and kept reachable meanwhile. */
    private double outputAndLoss(Loss loss, INDArray logits, INDArray targets, INDArray out, boolean wantLoss) {
        Matrix z = matrix(logits);
        Matrix p = matrix(out);
        Matrix y = targets == null ? null : matrix(targets);
        sameShape(z, p);
        if (y != null) {
            sameShape(z, y);
        }
        try {
            double total = outputAndLossSum(loss, z, y, p, wantLoss);
            return wantLoss ? total / z.rows : Double.NaN;
        } finally {
            Reference.reachabilityFence(logits);
            Reference.reachabilityFence(targets);
            Reference.reachabilityFence(out);
        }
    }

    /** A batch's softmax rows in one or two pieces of rows; re-aimed for each call, so a step allocates none. */
    private final class SoftmaxRows implements SecondLane.Pieces {
        private double[] rowLoss = new double[0];
        private Matrix z;
        private Matrix y;
        private Matrix p;
        private boolean wantLoss;
        private int rowsPerPiece;

        void aim(Matrix z, Matrix y, Matrix p, boolean wantLoss, int pieces) {
            this.z = z;
            this.y = y;
            this.p = p;
            this.wantLoss = wantLoss;
            this.rowsPerPiece = (z.rows() + pieces - 1) / pieces;
            if (rowLoss.length < z.rows()) {
                rowLoss = new double[z.rows()];
            }
        }

        @Override
        public void run(int lane, int piece) {
            int to = Math.min(z.rows(), (piece + 1) * rowsPerPiece);
            for (int r = piece * rowsPerPiece; r < to; r++) {
                rowLoss[r] = softmaxRow(lane, z, y, p, r, wantLoss);
            }
        }
    }

    /**
     * A row-major matrix over a direct buffer: rows × cols, rows {@code stride} elements apart, each element
     * {@code elementBytes} long; read and written as the path's dtype.
     */
    record Matrix(ByteBuffer bytes, int rows, int cols, int stride, int elementBytes) {
        /** The byte offset of an element; on row 0, {@code col} may run on through the rows that follow. */
        int offset(int row, int col) {
            return (row * stride + col) * elementBytes;
        }

        boolean contiguous() {
            return stride == cols || rows == 1;
        }

        float getFloat(int row, int col) {
            return bytes.getFloat(offset(row, col));
        }

        void putFloat(int row, int col, float value) {
            bytes.putFloat(offset(row, col), value);
        }

        double getDouble(int row, int col) {
            return bytes.getDouble(offset(row, col));
        }

        void putDouble(int row, int col, double value) {
            bytes.putDouble(offset(row, col), value);
        }
    }
}
