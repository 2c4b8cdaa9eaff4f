package dev.layerbench.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * float32 element-wise work in the JVM, with the incubating Vector API, straight on ND4J's host memory.
 *
 * <p>Why not ND4J's ops: each costs 5–15 µs of dispatch and ~0.5–3 KB of heap whatever its size, which at a
 * batch of one is most of a train step, and ND4J's exp and tanh run at ~7 ns an element (benchmarks/NOTES.md,
 * section 10). Here an op is a loop of SIMD lanes over the arrays' own memory: no crossing into native code, no
 * allocation once an array's buffer is known ({@link HostBuffers}).
 *
 * <p>Why exp and tanh are written out rather than taken from {@code VectorOperators.EXP}/{@code TANH}: those are
 * SVML calls once C2 compiles the loop but scalar {@code Math} calls before, which differ in the last bit — a seed
 * would then not reproduce a run, since the result would depend on when the JIT got there. The polynomials below
 * (Cephes' {@code expf} and {@code tanhf}) are plain IEEE adds, multiplies and fused multiply-adds, bit-identical
 * interpreted or compiled, in any lane: two hidden units with equal inputs get equal outputs, which the symmetry
 * study depends on. Accuracy (tested against {@code Math}): exp within 2 ulp, tanh within 3. Every row is walked
 * in whole vectors plus one masked tail, so no element takes a scalar path of its own.
 *
 * <p>Sums (a softmax's denominator, a row's loss) add lane-wise and then the lanes in a fixed order, for the same
 * reason: {@code reduceLanes(ADD)} on floats may change its order between interpreter and C2.
 *
 * <p>Arrays are row-major matrices with unit column stride and any row stride (trainer batches are row ranges);
 * bounds are the JVM's own: a kernel that strayed would throw, not touch another array. Not thread-safe.
 */
final class VectorElementwise implements Elementwise {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int BYTES = Float.BYTES;

    // exp: x = n·ln2 + r, |r| ≤ ln2/2, ln2 split in two so n·ln2 is exact to float precision (Cephes expf)
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5·2²³ rounds a float below 2²² to the nearest integer. */
    private static final float ROUNDING = 12582912f;
    /** exp's arguments are kept where 2ⁿ is a normal float: exp(88.3) ≈ 2·10³⁸, exp(−87.3) ≈ 1.2·10⁻³⁸. */
    private static final float EXP_HIGH = 88.3f;
    private static final float EXP_LOW = -87.3f;
    private static final float[] EXP_POLYNOMIAL = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
            4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};
    /** Below this |x|, tanh is an odd polynomial; above, 1 − 2/(e^{2|x|} + 1) loses nothing to cancellation. */
    private static final float TANH_SMALL = 0.625f;
    private static final float[] TANH_POLYNOMIAL = {-5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f,
            1.33314422036e-1f, -3.33332819422e-1f};

    private final HostBuffers host = new HostBuffers();
    /** The lanes of a vector sum, added in lane order. */
    private final float[] lanes = new float[LANES.length()];

    @Override
    public void activate(Activation f, INDArray z, INDArray a) {
        if (f == Activation.IDENTITY && a == z) {
            return;
        }
        Matrix in = matrix(z);
        Matrix out = matrix(a);
        sameShape(in, out);
        try {
            for (int r = 0; r < in.rows; r++) {
                for (int j = 0; j < in.cols; j += LANES.length()) {
                    VectorMask<Float> m = LANES.indexInRange(j, in.cols);
                    FloatVector v = in.load(r, j, m);
                    out.store(r, j, m, switch (f) {
                        case IDENTITY -> v;
                        case SIGMOID -> sigmoid(v);
                        case TANH -> tanh(v);
                        case RELU -> v.max(0f);
                    });
                }
            }
        } finally {
            Reference.reachabilityFence(z);
            Reference.reachabilityFence(a);
        }
    }

    /** The derivative read from {@code a}: tanh' = 1 − a², σ' = a(1 − a), relu' = [a > 0] (which is [z > 0]). */
    @Override
    public void activationGradient(Activation f, INDArray z, INDArray a, INDArray da, INDArray dz) {
        if (f == Activation.IDENTITY && dz == da) {
            return;
        }
        Matrix out = matrix(a);
        Matrix upstream = matrix(da);
        Matrix result = matrix(dz);
        sameShape(out, upstream);
        sameShape(out, result);
        try {
            for (int r = 0; r < out.rows; r++) {
                for (int j = 0; j < out.cols; j += LANES.length()) {
                    VectorMask<Float> m = LANES.indexInRange(j, out.cols);
                    FloatVector g = upstream.load(r, j, m);
                    FloatVector v = out.load(r, j, m);
                    result.store(r, j, m, switch (f) {
                        case IDENTITY -> g;
                        case SIGMOID -> g.mul(v).mul(v.neg().add(1f));
                        case TANH -> g.mul(v.mul(v).neg().add(1f));
                        case RELU -> g.blend(0f, v.compare(VectorOperators.LE, 0f));
                    });
                }
            }
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(da);
            Reference.reachabilityFence(dz);
        }
    }

    @Override
    public double lossAndResidual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        return outputAndLoss(loss, logits, targets, buffers.residual(), true);
    }

    @Override
    public void residual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers) {
        outputAndLoss(loss, logits, targets, buffers.residual(), false);
    }

    @Override
    public void probabilities(Loss loss, INDArray logits, INDArray out) {
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
        VectorMask<Float> first = LANES.indexInRange(0, 1);
        try {
            for (int r = 0; r < z.rows; r++) {
                float positive = sigmoid(z.load(r, 0, first)).lane(0);
                p.bytes.putFloat(p.offset(r, 0), 1f - positive);
                p.bytes.putFloat(p.offset(r, 1), positive);
            }
        } finally {
            Reference.reachabilityFence(logits);
            Reference.reachabilityFence(out);
        }
    }

    @Override
    public String label() {
        return "jvm-vector (" + LANES.vectorBitSize() + "-bit, " + LANES.length() + " float lanes)";
    }

    /**
     * Writes p (softmax of each row, or σ of the one unit) into {@code out}, minus the targets when there are
     * targets, and returns the batch's mean loss when asked for it (NaN otherwise). The softmax loss of a row is
     * {@code Σ_j y_j·(logsumexp(z) − z_j)} from the logits themselves, so a label probability that rounds to 0
     * costs nothing special: the loss stays finite and exact.
     */
    private double outputAndLoss(Loss loss, INDArray logits, INDArray targets, INDArray out, boolean wantLoss) {
        Matrix z = matrix(logits);
        Matrix p = matrix(out);
        Matrix y = targets == null ? null : matrix(targets);
        sameShape(z, p);
        if (y != null) {
            sameShape(z, y);
        }
        double total = 0;
        try {
            for (int r = 0; r < z.rows; r++) {
                total += loss == Loss.SOFTMAX_CROSS_ENTROPY ? softmaxRow(z, y, p, r, wantLoss)
                        : sigmoidRow(z, y, p, r, wantLoss);
            }
        } finally {
            Reference.reachabilityFence(logits);
            Reference.reachabilityFence(targets);
            Reference.reachabilityFence(out);
        }
        return wantLoss ? total / z.rows : Double.NaN;
    }

    /** One row of softmax (minus y when given) into p; the row's cross-entropy when asked, else 0. */
    private double softmaxRow(Matrix z, Matrix y, Matrix p, int r, boolean wantLoss) {
        int cols = z.cols;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j += LANES.length()) {
            VectorMask<Float> m = LANES.indexInRange(j, cols);
            max = Math.max(max, z.load(r, j, m).reduceLanes(VectorOperators.MAX, m));
        }
        FloatVector sum = FloatVector.zero(LANES);
        for (int j = 0; j < cols; j += LANES.length()) {
            VectorMask<Float> m = LANES.indexInRange(j, cols);
            FloatVector e = exp(z.load(r, j, m).sub(max));
            p.store(r, j, m, e);
            sum = sum.add(e, m);
        }
        float denominator = inLaneOrder(sum);
        float inverse = 1f / denominator;
        FloatVector labelled = FloatVector.zero(LANES);
        FloatVector weight = FloatVector.zero(LANES);
        for (int j = 0; j < cols; j += LANES.length()) {
            VectorMask<Float> m = LANES.indexInRange(j, cols);
            FloatVector probability = p.load(r, j, m).mul(inverse);
            if (y == null) {
                p.store(r, j, m, probability);
                continue;
            }
            FloatVector target = y.load(r, j, m);
            p.store(r, j, m, probability.sub(target));
            if (wantLoss) {
                labelled = target.fma(z.load(r, j, m), labelled);
                weight = weight.add(target);
            }
        }
        if (!wantLoss) {
            return 0;
        }
        double logSumExp = max + Math.log(denominator);
        return inLaneOrder(weight) * logSumExp - inLaneOrder(labelled);
    }

    /** One row of σ(z) (minus y when given) into p; the row's binary cross-entropy when asked, else 0. */
    private static double sigmoidRow(Matrix z, Matrix y, Matrix p, int r, boolean wantLoss) {
        double loss = 0;
        for (int j = 0; j < z.cols; j += LANES.length()) {
            VectorMask<Float> m = LANES.indexInRange(j, z.cols);
            FloatVector logit = z.load(r, j, m);
            FloatVector probability = sigmoid(logit);
            if (y == null) {
                p.store(r, j, m, probability);
                continue;
            }
            FloatVector target = y.load(r, j, m);
            p.store(r, j, m, probability.sub(target));
            if (wantLoss) {
                // softplus(z) − y·z as max(z, 0) + log1p(exp(−|z|)) − y·z, which cannot overflow; read back on the
                // host, lane by lane: only the loss's value, never part of a timed step
                for (int lane = 0; lane < LANES.length() && j + lane < z.cols; lane++) {
                    double v = logit.lane(lane);
                    loss += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - target.lane(lane) * v;
                }
            }
        }
        return loss;
    }

    private float inLaneOrder(FloatVector v) {
        v.intoArray(lanes, 0);
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    /** e^x, within 2 ulp for x in [−87.3, 88.3], clamped there (Cephes expf). */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(EXP_LOW).min(EXP_HIGH);
        FloatVector n = clamped.mul(LOG2E).add(ROUNDING).sub(ROUNDING);
        FloatVector r = n.fma(FloatVector.broadcast(LANES, -LN2_HIGH), clamped);
        r = n.fma(FloatVector.broadcast(LANES, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(LANES, EXP_POLYNOMIAL[0]);
        for (int i = 1; i < EXP_POLYNOMIAL.length; i++) {
            p = p.fma(r, FloatVector.broadcast(LANES, EXP_POLYNOMIAL[i]));
        }
        FloatVector mantissa = p.mul(r.mul(r)).add(r).add(1f);
        FloatVector twoToN = n.convert(VectorOperators.F2I, 0).reinterpretAsInts()
                .add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return mantissa.mul(twoToN);
    }

    /** tanh x, within 3 ulp; tanh(0) = 0 exactly (Cephes tanhf). */
    static FloatVector tanh(FloatVector x) {
        FloatVector magnitude = x.abs();
        FloatVector large = FloatVector.broadcast(LANES, 1f)
                .sub(FloatVector.broadcast(LANES, 2f).div(exp(magnitude.add(magnitude)).add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector square = x.mul(x);
        FloatVector p = FloatVector.broadcast(LANES, TANH_POLYNOMIAL[0]);
        for (int i = 1; i < TANH_POLYNOMIAL.length; i++) {
            p = p.fma(square, FloatVector.broadcast(LANES, TANH_POLYNOMIAL[i]));
        }
        FloatVector small = p.mul(square).fma(x, x);
        return small.blend(large, magnitude.compare(VectorOperators.GT, TANH_SMALL));
    }

    /** σ(x) = 1 / (1 + e^{−x}); σ(0) = ½ exactly. */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(LANES, 1f).div(exp(x.neg()).add(1f));
    }

    private Matrix matrix(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the JVM's element-wise path is float32, got " + array.dataType());
        }
        return new Matrix(host.bytes(array), (int) array.rows(), (int) array.columns(),
                OpenBlasGemm.rowStride(array));
    }

    private static void sameShape(Matrix a, Matrix b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("element-wise arrays differ in shape: " + a.rows + "×" + a.cols
                    + " and " + b.rows + "×" + b.cols);
        }
    }

    /** A row-major float matrix over a direct buffer: rows × cols, rows {@code stride} elements apart. */
    private record Matrix(ByteBuffer bytes, int rows, int cols, int stride) {
        int offset(int row, int col) {
            return (row * stride + col) * BYTES;
        }

        FloatVector load(int row, int col, VectorMask<Float> m) {
            return FloatVector.fromByteBuffer(LANES, bytes, offset(row, col), ORDER, m);
        }

        void store(int row, int col, VectorMask<Float> m, FloatVector v) {
            v.intoByteBuffer(bytes, offset(row, col), ORDER, m);
        }
    }
}
