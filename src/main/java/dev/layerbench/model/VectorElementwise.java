package dev.layerbench.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * float32 element-wise work in the JVM, with the incubating Vector API, straight on ND4J's host memory; and the
 * float64 kernels (activations, their derivatives, the softmax), which {@link DoubleElementwise} calls where this
 * class can load.
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
 * in whole vectors plus one padded tail vector, so no element takes a scalar path of its own.
 *
 * <p>How the JIT is kept on SIMD (found with the gc profiler and -XX:+PrintInlining: every miss below boxed each
 * vector, ~200–500 B of heap per 16 floats, and ran 10× slower). C2 only keeps a vector in registers when every
 * method it passes through is inlined, and it stops inlining once a method's inlined bytecode passes
 * DesiredMethodLimit (the Vector API's own internals count too), or where a call site looks cold — a loop that
 * runs once per call, as for a batch of one. So each kernel is its own small method taking buffers and offsets —
 * never a vector — with one chain of vector operations in one loop (exp is one such kernel, used by tanh, σ and
 * softmax as a pass of its own, whose result the next pass reads back from memory); a row's last partial
 * vector goes through the same kernel via a padded scratch buffer, because JDK 17 compiles masked stores (and
 * masked loads at a buffer's end) to a per-lane fallback that boxes; and there is no float-to-int conversion,
 * which JDK 17 does not compile to SIMD at 512 bits. C2 also binds the Vector API's calls on a vector by the type
 * profiles the API's methods gathered: a kernel compiled before they had one kept a vector boxed in every call
 * ({@link Elementwise#JVM_FLAGS} scale their compile thresholds as the kernels').
 *
 * <p>Sums (a softmax's denominator, a row's loss) add lane-wise and then the lanes in a fixed order, for the same
 * reason: {@code reduceLanes(ADD)} on floats may change its order between interpreter and C2.
 *
 * <p>Arrays are row-major matrices with unit column stride and any row stride (trainer batches are row ranges);
 * bounds are the JVM's own: a kernel that strayed would throw, not touch another array. Not thread-safe.
 */
final class VectorElementwise extends HostElementwise {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final int WIDTH = LANES.length();
    private static final VectorSpecies<Double> DOUBLE_LANES = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector of the float64 kernels ({@link DoubleElementwise}'s). */
    static final int DOUBLE_WIDTH = DOUBLE_LANES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int BYTES = Float.BYTES;

    // exp: x = n·ln2 + r, |r| ≤ ln2/2, ln2 split in two so n·ln2 is exact to float precision (Cephes expf)
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    /** Adding and subtracting 1.5·2²³ rounds a float below 2²² to the nearest integer. */
    private static final float ROUNDING = 12582912f;
    /** exp's range with a normal 2ⁿ: exp(88.3) ≈ 2·10³⁸; below −87.3 it returns 0 (the true value is subnormal). */
    private static final float EXP_HIGH = 88.3f;
    private static final float EXP_LOW = -87.3f;
    /** Below this |x|, tanh is an odd polynomial; above, 1 − 2/(e^{2|x|} + 1) loses nothing to cancellation. */
    private static final float TANH_SMALL = 0.625f;

    /** A vector sum's lanes, for adding in lane order ({@code reduceLanes(ADD)} may change its order). */
    private final float[] lanes = new float[WIDTH];
    /** Padded copies of partial vectors and short rows: two inputs and an output. */
    private final ByteBuffer[] scratch = new ByteBuffer[3];

    /**
     * float32's softmax rows are never shared with the second lane: at 1024 × 784 → 1024, 2 threads, the train step
     * with them shared read 1.30 [1.00, 1.67] `slower`, 1.08 [0.92, 1.38] and 1.00 [0.88, 1.24] `same` in three
     * rounds against the step without (benchmarks/NOTES.md, section 19) — no gain shown, so the rows stay on the
     * caller's thread, lane 0.
     */
    VectorElementwise() {
        super(DataType.FLOAT, Long.MAX_VALUE);
    }

    @Override
    public void warmUp() {
        WarmUp.done();
    }

    @Override
    void activate(Activation f, Matrix in, Matrix out) {
        // arrays without gaps between rows are walked as one long row: one tail per call, not per row
        boolean flat = in.contiguous() && out.contiguous();
        int rows = flat ? 1 : in.rows();
        int cols = flat ? in.rows() * in.cols() : in.cols();
        int whole = cols / WIDTH;
        int rest = cols % WIDTH;
        for (int r = 0; r < rows; r++) {
            activate(f, in.bytes(), in.offset(r, 0), out.bytes(), out.offset(r, 0), whole);
            if (rest > 0) {
                ByteBuffer padded = padded(0, in, r, whole * WIDTH, rest, 0f);
                activate(f, padded, 0, scratch(2, WIDTH), 0, 1);
                unpad(scratch[2], out, r, whole * WIDTH, rest);
            }
        }
    }

    /** The derivative read from {@code a}: tanh' = 1 − a², σ' = a(1 − a), relu' = [a > 0] (which is [z > 0]). */
    @Override
    void activationGradient(Activation f, Matrix out, Matrix upstream, Matrix result) {
        boolean flat = out.contiguous() && upstream.contiguous() && result.contiguous();
        int rows = flat ? 1 : out.rows();
        int cols = flat ? out.rows() * out.cols() : out.cols();
        int whole = cols / WIDTH;
        int rest = cols % WIDTH;
        for (int r = 0; r < rows; r++) {
            gradient(f, out.bytes(), out.offset(r, 0), upstream.bytes(), upstream.offset(r, 0), result.bytes(),
                    result.offset(r, 0), whole);
            if (rest > 0) {
                ByteBuffer values = padded(0, out, r, whole * WIDTH, rest, 0f);
                ByteBuffer gradients = padded(1, upstream, r, whole * WIDTH, rest, 0f);
                gradient(f, values, 0, gradients, 0, scratch(2, WIDTH), 0, 1);
                unpad(scratch[2], result, r, whole * WIDTH, rest);
            }
        }
    }

    @Override
    void binaryProbabilities(Matrix z, Matrix p) {
        ByteBuffer positive = sigmoidOfColumn(z);
        for (int r = 0; r < z.rows(); r++) {
            float value = positive.getFloat(r * BYTES);
            p.putFloat(r, 0, 1f - value);
            p.putFloat(r, 1, value);
        }
    }

    @Override
    public String label() {
        return "jvm-vector (" + LANES.vectorBitSize() + "-bit, " + WIDTH + " float lanes)";
    }

    @Override
    double sigmoidOutputAndLossSum(Matrix z, Matrix y, Matrix p, boolean wantLoss) {
        return sigmoidColumn(z, y, p, wantLoss);
    }

    /**
     * One row of softmax (minus y when given) into p; the row's cross-entropy when asked, else 0. A row that is not
     * whole vectors is computed in padded scratch (logits padded with −∞, whose exp is exactly 0) and copied back.
     * Always on lane 0, the caller's (see the constructor): the scratch is one thread's.
     */
    @Override
    double softmaxRow(int lane, Matrix z, Matrix y, Matrix p, int r, boolean wantLoss) {
        int cols = z.cols();
        if (cols % WIDTH == 0) {
            return softmax(z.bytes(), z.offset(r, 0), y == null ? null : y.bytes(), y == null ? 0 : y.offset(r, 0),
                    p.bytes(), p.offset(r, 0), cols / WIDTH, wantLoss);
        }
        ByteBuffer logits = padded(0, z, r, 0, cols, Float.NEGATIVE_INFINITY);
        ByteBuffer labels = y == null ? null : padded(1, y, r, 0, cols, 0f);
        double loss = softmax(logits, 0, labels, 0, scratch(2, cols), 0, (cols + WIDTH - 1) / WIDTH, wantLoss);
        unpad(scratch[2], p, r, 0, cols);
        return loss;
    }

    /**
     * Softmax over {@code vectors} whole vectors: p (or p − y) into {@code p}, and Σ_j y_j·(logsumexp(z) − z_j)
     * when asked — from the logits themselves, so a label probability that rounds to 0 costs nothing special.
     */
    private double softmax(ByteBuffer z, int zAt, ByteBuffer y, int yAt, ByteBuffer p, int pAt, int vectors,
                                 boolean wantLoss) {
        float max = maxKernel(z, zAt, vectors, lanes);
        expKernel(z, zAt, p, pAt, vectors, 1f, max);
        float denominator = sumKernel(p, pAt, vectors, lanes);
        if (y == null) {
            scaleKernel(p, pAt, 1f / denominator, vectors);
            return 0;
        }
        scaleMinusKernel(p, pAt, 1f / denominator, y, yAt, vectors);
        if (!wantLoss) {
            return 0;
        }
        return sumKernel(y, yAt, vectors, lanes) * (max + Math.log(denominator))
                - labelledLogitKernel(y, yAt, z, zAt, vectors, lanes);
    }

    /**
     * The largest element. Running maxima and sums are carried in {@code lanes}, in memory, not in a vector
     * variable from one iteration to the next: C2 left such a loop-carried vector boxed when it compiled the loop
     * from a profile of mostly one-trip calls (peeling the first trip), 12 B of heap per element for good.
     */
    private static float maxKernel(ByteBuffer x, int at, int vectors, float[] lanes) {
        FloatVector.broadcast(LANES, Float.NEGATIVE_INFINITY).intoArray(lanes, 0);
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromArray(LANES, lanes, 0)
                    .max(FloatVector.fromByteBuffer(LANES, x, at + v * WIDTH * BYTES, ORDER)).intoArray(lanes, 0);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float lane : lanes) {
            max = Math.max(max, lane);
        }
        return max;
    }

    /** Σ x, lane-wise and then the lanes in order. */
    private static float sumKernel(ByteBuffer x, int at, int vectors, float[] lanes) {
        FloatVector.zero(LANES).intoArray(lanes, 0);
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromArray(LANES, lanes, 0)
                    .add(FloatVector.fromByteBuffer(LANES, x, at + v * WIDTH * BYTES, ORDER)).intoArray(lanes, 0);
        }
        return inLaneOrder(lanes);
    }

    /** {@code p = p·scale}. */
    private static void scaleKernel(ByteBuffer p, int pAt, float scale, int vectors) {
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromByteBuffer(LANES, p, pAt + v * WIDTH * BYTES, ORDER).mul(scale)
                    .intoByteBuffer(p, pAt + v * WIDTH * BYTES, ORDER);
        }
    }

    /** {@code p = p·scale − y}. */
    private static void scaleMinusKernel(ByteBuffer p, int pAt, float scale, ByteBuffer y, int yAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromByteBuffer(LANES, p, pAt + v * WIDTH * BYTES, ORDER).mul(scale)
                    .sub(FloatVector.fromByteBuffer(LANES, y, yAt + v * WIDTH * BYTES, ORDER))
                    .intoByteBuffer(p, pAt + v * WIDTH * BYTES, ORDER);
        }
    }

    /** Σ y·z over the lanes where y ≠ 0: padding pairs y = 0 with z = −∞, and 0·(−∞) would be NaN. */
    private static float labelledLogitKernel(ByteBuffer y, int yAt, ByteBuffer z, int zAt, int vectors,
                                             float[] lanes) {
        FloatVector.zero(LANES).intoArray(lanes, 0);
        for (int v = 0; v < vectors; v++) {
            FloatVector target = FloatVector.fromByteBuffer(LANES, y, yAt + v * WIDTH * BYTES, ORDER);
            FloatVector logit = FloatVector.fromByteBuffer(LANES, z, zAt + v * WIDTH * BYTES, ORDER);
            FloatVector.fromArray(LANES, lanes, 0)
                    .add(target.mul(logit).blend(0f, target.compare(VectorOperators.EQ, 0f))).intoArray(lanes, 0);
        }
        return inLaneOrder(lanes);
    }

    /**
     * σ(z) (minus y when given) into p, one B×1 column, by the same σ kernel as a hidden layer's; its binary
     * cross-entropy when asked, else 0, read on the host — only the loss's value, never part of a timed step.
     */
    private double sigmoidColumn(Matrix z, Matrix y, Matrix p, boolean wantLoss) {
        ByteBuffer positive = sigmoidOfColumn(z);
        double loss = 0;
        for (int r = 0; r < z.rows(); r++) {
            float probability = positive.getFloat(r * BYTES);
            if (y == null) {
                p.putFloat(r, 0, probability);
                continue;
            }
            float target = y.getFloat(r, 0);
            p.putFloat(r, 0, probability - target);
            if (wantLoss) {
                // softplus(z) − y·z as max(z, 0) + log1p(exp(−|z|)) − y·z, which cannot overflow
                double v = z.getFloat(r, 0);
                loss += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - target * v;
            }
        }
        return loss;
    }

    /** σ of a B×1 column, gathered into padded scratch and left there, one value per row. */
    private ByteBuffer sigmoidOfColumn(Matrix z) {
        int vectors = (z.rows() + WIDTH - 1) / WIDTH;
        ByteBuffer column = scratch(0, vectors * WIDTH);
        for (int r = 0; r < vectors * WIDTH; r++) {
            column.putFloat(r * BYTES, r < z.rows() ? z.getFloat(r, 0) : 0f);
        }
        ByteBuffer out = scratch(2, vectors * WIDTH);
        sigmoidKernel(column, 0, out, 0, vectors);
        return out;
    }

    /** The lanes a kernel left in {@code lanes}, added in lane order. */
    private static float inLaneOrder(float[] lanes) {
        float sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    private static void activate(Activation f, ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        switch (f) {
            case IDENTITY -> out.put(to, in, from, vectors * WIDTH * BYTES);
            case SIGMOID -> sigmoidKernel(in, from, out, to, vectors);
            case TANH -> tanhKernel(in, from, out, to, vectors);
            case RELU -> reluKernel(in, from, out, to, vectors);
        }
    }

    /**
     * tanh x within 3 ulp, odd to the last bit, tanh(0) = 0 exactly (Cephes tanhf): e^{−2|x|} first, then
     * sign(x)·(1 − e)/(1 + e) or, near 0, an odd series.
     */
    private static void tanhKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromByteBuffer(LANES, in, from + v * WIDTH * BYTES, ORDER).abs()
                    .intoByteBuffer(out, to + v * WIDTH * BYTES, ORDER);
        }
        expKernel(out, to, out, to, vectors, -2f, 0f);
        for (int v = 0; v < vectors; v++) {
            FloatVector x = FloatVector.fromByteBuffer(LANES, in, from + v * WIDTH * BYTES, ORDER);
            FloatVector e = FloatVector.fromByteBuffer(LANES, out, to + v * WIDTH * BYTES, ORDER);
            // e ≤ 0.29 above |x| = 0.625, so 1 − e loses nothing to cancellation; far out e = 0 and this is ±1
            FloatVector large = FloatVector.broadcast(LANES, 1f).sub(e).div(e.add(1f));
            large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
            FloatVector square = x.mul(x);
            FloatVector p = square.fma(FloatVector.broadcast(LANES, -5.70498872745e-3f),
                    FloatVector.broadcast(LANES, 2.06390887954e-2f));
            p = p.fma(square, FloatVector.broadcast(LANES, -5.37397155531e-2f));
            p = p.fma(square, FloatVector.broadcast(LANES, 1.33314422036e-1f));
            p = p.fma(square, FloatVector.broadcast(LANES, -3.33332819422e-1f));
            FloatVector small = p.mul(square).fma(x, x);
            small.blend(large, x.abs().compare(VectorOperators.GT, TANH_SMALL))
                    .intoByteBuffer(out, to + v * WIDTH * BYTES, ORDER);
        }
    }

    /** σ(x) = 1 / (1 + e^{−x}); σ(0) = ½ exactly. */
    private static void sigmoidKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        expKernel(in, from, out, to, vectors, -1f, 0f);
        for (int v = 0; v < vectors; v++) {
            FloatVector e = FloatVector.fromByteBuffer(LANES, out, to + v * WIDTH * BYTES, ORDER);
            FloatVector.broadcast(LANES, 1f).div(e.add(1f)).intoByteBuffer(out, to + v * WIDTH * BYTES, ORDER);
        }
    }

    private static void reluKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        for (int v = 0; v < vectors; v++) {
            FloatVector.fromByteBuffer(LANES, in, from + v * WIDTH * BYTES, ORDER).max(0f)
                    .intoByteBuffer(out, to + v * WIDTH * BYTES, ORDER);
        }
    }

    private static void gradient(Activation f, ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz,
                                 int dzAt, int vectors) {
        switch (f) {
            case IDENTITY -> dz.put(dzAt, da, daAt, vectors * WIDTH * BYTES);
            case SIGMOID -> sigmoidGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
            case TANH -> tanhGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
            case RELU -> reluGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
        }
    }

    /** {@code dz = da·(1 − a²)}. */
    private static void tanhGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz, int dzAt,
                                           int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * WIDTH * BYTES;
            FloatVector value = FloatVector.fromByteBuffer(LANES, a, aAt + step, ORDER);
            FloatVector.fromByteBuffer(LANES, da, daAt + step, ORDER).mul(value.mul(value).neg().add(1f))
                    .intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /** {@code dz = da·a·(1 − a)}. */
    private static void sigmoidGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz,
                                              int dzAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * WIDTH * BYTES;
            FloatVector value = FloatVector.fromByteBuffer(LANES, a, aAt + step, ORDER);
            FloatVector.fromByteBuffer(LANES, da, daAt + step, ORDER).mul(value).mul(value.neg().add(1f))
                    .intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /** {@code dz = da} where a > 0, else 0. */
    private static void reluGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz, int dzAt,
                                           int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * WIDTH * BYTES;
            FloatVector value = FloatVector.fromByteBuffer(LANES, a, aAt + step, ORDER);
            FloatVector.fromByteBuffer(LANES, da, daAt + step, ORDER).blend(0f, value.compare(VectorOperators.LE, 0f))
                    .intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /**
     * {@code out = e^(scale·x − shift)}, e^t within 2 ulp for t in [−87.3, 88.3], clamped above and 0 below
     * (Cephes expf; scale and shift are exact here: 1, 2, −1 and a row's maximum).
     */
    static void expKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors, float scale, float shift) {
        for (int v = 0; v < vectors; v++) {
            FloatVector t = FloatVector.fromByteBuffer(LANES, in, from + v * WIDTH * BYTES, ORDER).mul(scale)
                    .sub(shift);
            FloatVector clamped = t.max(EXP_LOW).min(EXP_HIGH);
            FloatVector shifted = clamped.mul(LOG2E).add(ROUNDING);
            FloatVector n = shifted.sub(ROUNDING);
            FloatVector r = n.fma(FloatVector.broadcast(LANES, -LN2_HIGH), clamped);
            r = n.fma(FloatVector.broadcast(LANES, -LN2_LOW), r);
            FloatVector p = r.fma(FloatVector.broadcast(LANES, 1.9875691500e-4f),
                    FloatVector.broadcast(LANES, 1.3981999507e-3f));
            p = p.fma(r, FloatVector.broadcast(LANES, 8.3334519073e-3f));
            p = p.fma(r, FloatVector.broadcast(LANES, 4.1665795894e-2f));
            p = p.fma(r, FloatVector.broadcast(LANES, 1.6666665459e-1f));
            p = p.fma(r, FloatVector.broadcast(LANES, 5.0000001201e-1f));
            FloatVector mantissa = p.mul(r.mul(r)).add(r).add(1f);
            // 2ⁿ from the bits of n + 1.5·2²³, which are those of 1.5·2²³ plus n
            FloatVector twoToN = shifted.reinterpretAsInts().add(127 - Float.floatToRawIntBits(ROUNDING))
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            mantissa.mul(twoToN).blend(0f, t.compare(VectorOperators.LT, EXP_LOW))
                    .intoByteBuffer(out, to + v * WIDTH * BYTES, ORDER);
        }
    }

    /** The largest of {@code vectors} whole vectors of doubles, carried in {@code lanes} as {@link #maxKernel}. */
    static double doubleMaxKernel(ByteBuffer x, int at, int vectors, double[] lanes) {
        DoubleVector.broadcast(DOUBLE_LANES, Double.NEGATIVE_INFINITY).intoArray(lanes, 0);
        for (int v = 0; v < vectors; v++) {
            DoubleVector.fromArray(DOUBLE_LANES, lanes, 0).max(DoubleVector.fromByteBuffer(DOUBLE_LANES, x,
                    at + v * DOUBLE_WIDTH * Double.BYTES, ORDER)).intoArray(lanes, 0);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lane : lanes) {
            max = Math.max(max, lane);
        }
        return max;
    }

    /** Σ x over whole vectors of doubles, lane-wise and then the lanes in order. */
    static double doubleSumKernel(ByteBuffer x, int at, int vectors, double[] lanes) {
        DoubleVector.zero(DOUBLE_LANES).intoArray(lanes, 0);
        for (int v = 0; v < vectors; v++) {
            DoubleVector.fromArray(DOUBLE_LANES, lanes, 0).add(DoubleVector.fromByteBuffer(DOUBLE_LANES, x,
                    at + v * DOUBLE_WIDTH * Double.BYTES, ORDER)).intoArray(lanes, 0);
        }
        double sum = 0;
        for (double lane : lanes) {
            sum += lane;
        }
        return sum;
    }

    /** {@code p = p·scale} over whole vectors of doubles. */
    static void doubleScaleKernel(ByteBuffer p, int pAt, double scale, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int at = pAt + v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector.fromByteBuffer(DOUBLE_LANES, p, at, ORDER).mul(scale).intoByteBuffer(p, at, ORDER);
        }
    }

    /** {@code p = p·scale − y} over whole vectors of doubles. */
    static void doubleScaleMinusKernel(ByteBuffer p, int pAt, double scale, ByteBuffer y, int yAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int at = pAt + v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector.fromByteBuffer(DOUBLE_LANES, p, at, ORDER).mul(scale)
                    .sub(DoubleVector.fromByteBuffer(DOUBLE_LANES, y, yAt + v * DOUBLE_WIDTH * Double.BYTES, ORDER))
                    .intoByteBuffer(p, at, ORDER);
        }
    }

    /**
     * {@code out = e^(scale·x − shift)} over whole vectors of doubles: {@link DoubleElementwise#exp} of
     * {@code scale·x − shift}, the same operations in the same order in every lane (a clamp by max and min, which
     * agrees with its comparisons everywhere, NaN included), so a lane's result is the scalar's to the bit. The
     * callers' scales (1, −1 and 2) and shifts (a row's maximum, 0) are exact: {@code 1·x − max} is the scalar's
     * {@code x − max}, {@code −1·x − 0} its {@code −x}, {@code 2·|x| − 0} its {@code 2|x|}, signed zeros included.
     */
    static void doubleExpKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors, double scale,
                                double shift) {
        for (int v = 0; v < vectors; v++) {
            DoubleVector clamped = DoubleVector.fromByteBuffer(DOUBLE_LANES, in, from + v * DOUBLE_WIDTH * Double.BYTES,
                    ORDER).mul(scale).sub(shift).max(DoubleElementwise.EXP_LOW).min(DoubleElementwise.EXP_HIGH);
            DoubleVector shifted = clamped.mul(DoubleElementwise.LOG2E).add(DoubleElementwise.ROUNDING);
            DoubleVector n = shifted.sub(DoubleElementwise.ROUNDING);
            DoubleVector r = clamped.sub(n.mul(DoubleElementwise.C1)).sub(n.mul(DoubleElementwise.C2));
            DoubleVector square = r.mul(r);
            DoubleVector odd = r.mul(square.mul(DoubleElementwise.EP0).add(DoubleElementwise.EP1).mul(square)
                    .add(DoubleElementwise.EP2));
            DoubleVector even = square.mul(DoubleElementwise.EQ0).add(DoubleElementwise.EQ1).mul(square)
                    .add(DoubleElementwise.EQ2).mul(square).add(DoubleElementwise.EQ3);
            DoubleVector fraction = odd.div(even.sub(odd)).mul(2).add(1);
            DoubleVector half = n.mul(0.5).add(DoubleElementwise.ROUNDING);
            DoubleVector remainder = n.sub(half.sub(DoubleElementwise.ROUNDING)).add(DoubleElementwise.ROUNDING);
            fraction.mul(half.reinterpretAsLongs().add(DoubleElementwise.EXPONENT_FROM_ROUNDED)
                            .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .mul(remainder.reinterpretAsLongs().add(DoubleElementwise.EXPONENT_FROM_ROUNDED)
                            .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                    .intoByteBuffer(out, to + v * DOUBLE_WIDTH * Double.BYTES, ORDER);
        }
    }

    /**
     * {@code out = f(in)} over whole vectors of doubles, each lane {@link DoubleElementwise}'s scalar f to the bit;
     * {@code out} apart from {@code in} (tanh keeps a pass's result in it before reading {@code in} again).
     */
    static void doubleActivation(Activation f, ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        switch (f) {
            case IDENTITY -> out.put(to, in, from, vectors * DOUBLE_WIDTH * Double.BYTES);
            case SIGMOID -> doubleSigmoidKernel(in, from, out, to, vectors);
            case TANH -> doubleTanhKernel(in, from, out, to, vectors);
            case RELU -> doubleReluKernel(in, from, out, to, vectors);
        }
    }

    /**
     * {@link DoubleElementwise#tanh} in every lane, to the bit: e^{2|x|} as a pass of {@link #doubleExpKernel},
     * then both of the scalar's branches — 1 − 2/(e + 1) and Cephes' odd rational — in its order of operations, the
     * one it would take picked by |x| ≥ 0.625, and x's sign put on as {@link Math#copySign} does. The scalar's third
     * branch, 1 past |x| = 22 without an exp, needs no blend: there 2/(e + 1) < 10⁻¹⁹ and 1 − 2/(e + 1) rounds to 1
     * (and to 1 where e overflows to ∞).
     */
    private static void doubleTanhKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        for (int v = 0; v < vectors; v++) {
            DoubleVector.fromByteBuffer(DOUBLE_LANES, in, from + v * DOUBLE_WIDTH * Double.BYTES, ORDER).abs()
                    .intoByteBuffer(out, to + v * DOUBLE_WIDTH * Double.BYTES, ORDER);
        }
        doubleExpKernel(out, to, out, to, vectors, 2, 0);
        for (int v = 0; v < vectors; v++) {
            DoubleVector x = DoubleVector.fromByteBuffer(DOUBLE_LANES, in, from + v * DOUBLE_WIDTH * Double.BYTES,
                    ORDER);
            DoubleVector e = DoubleVector.fromByteBuffer(DOUBLE_LANES, out, to + v * DOUBLE_WIDTH * Double.BYTES,
                    ORDER);
            DoubleVector magnitude = x.abs();
            DoubleVector large = DoubleVector.broadcast(DOUBLE_LANES, 1)
                    .sub(DoubleVector.broadcast(DOUBLE_LANES, 2).div(e.add(1)));
            DoubleVector square = magnitude.mul(magnitude);
            DoubleVector ratio = square.mul(DoubleElementwise.P0).add(DoubleElementwise.P1).mul(square)
                    .add(DoubleElementwise.P2).div(square.add(DoubleElementwise.Q0).mul(square)
                            .add(DoubleElementwise.Q1).mul(square).add(DoubleElementwise.Q2));
            DoubleVector small = magnitude.add(magnitude.mul(square).mul(ratio));
            small.blend(large, magnitude.compare(VectorOperators.GE, DoubleElementwise.TANH_SMALL))
                    .reinterpretAsLongs().and(Long.MAX_VALUE).or(x.reinterpretAsLongs().and(Long.MIN_VALUE))
                    .reinterpretAsDoubles().intoByteBuffer(out, to + v * DOUBLE_WIDTH * Double.BYTES, ORDER);
        }
    }

    /** {@link DoubleElementwise#sigmoid} in every lane, to the bit: e^{−x} as a pass, then 1/(1 + e). */
    private static void doubleSigmoidKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        doubleExpKernel(in, from, out, to, vectors, -1, 0);
        for (int v = 0; v < vectors; v++) {
            int at = to + v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector.broadcast(DOUBLE_LANES, 1).div(DoubleVector.fromByteBuffer(DOUBLE_LANES, out, at, ORDER)
                    .add(1)).intoByteBuffer(out, at, ORDER);
        }
    }

    /** max(x, 0) with {@link Math#max}'s answers at −0 and NaN, which the Vector API's MAX shares. */
    private static void doubleReluKernel(ByteBuffer in, int from, ByteBuffer out, int to, int vectors) {
        for (int v = 0; v < vectors; v++) {
            DoubleVector.fromByteBuffer(DOUBLE_LANES, in, from + v * DOUBLE_WIDTH * Double.BYTES, ORDER).max(0.0)
                    .intoByteBuffer(out, to + v * DOUBLE_WIDTH * Double.BYTES, ORDER);
        }
    }

    /** {@code dz = da·f'} over whole vectors of doubles, f' read from {@code a}; each lane the scalar's to the bit. */
    static void doubleGradient(Activation f, ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz, int dzAt,
                               int vectors) {
        switch (f) {
            case IDENTITY -> dz.put(dzAt, da, daAt, vectors * DOUBLE_WIDTH * Double.BYTES);
            case SIGMOID -> doubleSigmoidGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
            case TANH -> doubleTanhGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
            case RELU -> doubleReluGradientKernel(a, aAt, da, daAt, dz, dzAt, vectors);
        }
    }

    /** {@code dz = da·(1 − a²)}. */
    private static void doubleTanhGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz,
                                                 int dzAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector value = DoubleVector.fromByteBuffer(DOUBLE_LANES, a, aAt + step, ORDER);
            DoubleVector.fromByteBuffer(DOUBLE_LANES, da, daAt + step, ORDER)
                    .mul(DoubleVector.broadcast(DOUBLE_LANES, 1).sub(value.mul(value)))
                    .intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /** {@code dz = (da·a)·(1 − a)}. */
    private static void doubleSigmoidGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz,
                                                    int dzAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector value = DoubleVector.fromByteBuffer(DOUBLE_LANES, a, aAt + step, ORDER);
            DoubleVector.fromByteBuffer(DOUBLE_LANES, da, daAt + step, ORDER).mul(value)
                    .mul(DoubleVector.broadcast(DOUBLE_LANES, 1).sub(value)).intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /** {@code dz = da} where a > 0, else 0 (NaN's a included, as the scalar's comparison has it). */
    private static void doubleReluGradientKernel(ByteBuffer a, int aAt, ByteBuffer da, int daAt, ByteBuffer dz,
                                                 int dzAt, int vectors) {
        for (int v = 0; v < vectors; v++) {
            int step = v * DOUBLE_WIDTH * Double.BYTES;
            DoubleVector.zero(DOUBLE_LANES).blend(DoubleVector.fromByteBuffer(DOUBLE_LANES, da, daAt + step, ORDER),
                    DoubleVector.fromByteBuffer(DOUBLE_LANES, a, aAt + step, ORDER).compare(VectorOperators.GT, 0))
                    .intoByteBuffer(dz, dzAt + step, ORDER);
        }
    }

    /** Runs the kernels' warm-up ({@link WarmUp}) if it has not run in this JVM; for DoubleElementwise's kernels. */
    static void warmUpKernels() {
        WarmUp.done();
    }

    /**
     * Every kernel called 2,000 times on 1, 2 and 16 vectors, once per JVM, before the first real call. Until C2
     * has compiled a kernel, its code (interpreted or C1's) boxes every vector: measured on a train step at
     * 128 × 784 → 64 → 10, 25 ms and 5 MB of heap per step at first, 0.36 ms and 3 KB once compiled, which took
     * 1.1 s of training. {@link Elementwise#JVM_FLAGS} lower the kernels' compile thresholds twentyfold; this makes
     * them reach those thresholds here rather than inside a measurement. A thousand calls on one or two vectors
     * was too few: C1's code reports its counts only every ~1,000 calls, and in a JVM running shape after shape
     * (the bench's) a kernel first used by a later shape ran from C1's code for seconds (5.2 MB per step at
     * 1024 × 784 → 64 → 10), and one compiled from short loops was deoptimised by the first long one.
     */
    private static final class WarmUp {
        static {
            int floats = 16 * WIDTH;
            ByteBuffer x = ByteBuffer.allocateDirect(floats * BYTES).order(ORDER);
            ByteBuffer y = ByteBuffer.allocateDirect(floats * BYTES).order(ORDER);
            ByteBuffer out = ByteBuffer.allocateDirect(floats * BYTES).order(ORDER);
            for (int i = 0; i < floats; i++) {
                x.putFloat(i * BYTES, (i - WIDTH) * 0.25f);
                y.putFloat(i * BYTES, i == 3 ? 1f : 0f);
            }
            float[] lanes = new float[WIDTH];
            double[] doubleLanes = new double[DOUBLE_WIDTH];
            for (int i = 0; i < 2000; i++) {
                // short loops and long ones, as batch 1 and batch 1024 give: a kernel compiled from short trips
                // only was dropped again (deoptimised) the first time a long one came
                int vectors = i % 3 == 2 ? 16 : 1 + i % 2;
                tanhKernel(x, 0, out, 0, vectors);
                sigmoidKernel(x, 0, out, 0, vectors);
                reluKernel(x, 0, out, 0, vectors);
                tanhGradientKernel(x, 0, y, 0, out, 0, vectors);
                sigmoidGradientKernel(x, 0, y, 0, out, 0, vectors);
                reluGradientKernel(x, 0, y, 0, out, 0, vectors);
                expKernel(x, 0, out, 0, vectors, 1f, maxKernel(x, 0, vectors, lanes));
                scaleKernel(out, 0, 1f / sumKernel(out, 0, vectors, lanes), vectors);
                scaleMinusKernel(out, 0, 1f, y, 0, vectors);
                labelledLogitKernel(y, 0, x, 0, vectors, lanes);
                int doubleVectors = vectors * WIDTH / DOUBLE_WIDTH / 2; // the buffers hold half as many doubles
                double max = doubleMaxKernel(x, 0, doubleVectors, doubleLanes);
                doubleExpKernel(x, 0, out, 0, doubleVectors, 1, max);
                doubleTanhKernel(x, 0, out, 0, doubleVectors);
                doubleSigmoidKernel(x, 0, out, 0, doubleVectors);
                doubleReluKernel(x, 0, out, 0, doubleVectors);
                doubleTanhGradientKernel(x, 0, y, 0, out, 0, doubleVectors);
                doubleSigmoidGradientKernel(x, 0, y, 0, out, 0, doubleVectors);
                doubleReluGradientKernel(x, 0, y, 0, out, 0, doubleVectors);
                doubleScaleKernel(out, 0, 1 / doubleSumKernel(out, 0, doubleVectors, doubleLanes), doubleVectors);
                doubleScaleMinusKernel(out, 0, 1, y, 0, doubleVectors);
            }
        }

        static void done() {
            // loading this class ran the warm-up; the JVM runs a class's initialiser once, on one thread
        }
    }

    /** Scratch buffer {@code which}, at least {@code floats} long, a whole number of vectors. */
    private ByteBuffer scratch(int which, int floats) {
        int bytes = (floats + WIDTH - 1) / WIDTH * WIDTH * BYTES;
        if (scratch[which] == null || scratch[which].capacity() < bytes) {
            scratch[which] = ByteBuffer.allocateDirect(bytes).order(ORDER);
        }
        return scratch[which];
    }

    /** {@code count} elements of row {@code row} from column {@code col}, into scratch, padded to whole vectors. */
    private ByteBuffer padded(int which, Matrix m, int row, int col, int count, float pad) {
        int vectors = (count + WIDTH - 1) / WIDTH;
        ByteBuffer b = scratch(which, vectors * WIDTH);
        b.put(0, m.bytes(), m.offset(row, col), count * BYTES);
        for (int k = count; k < vectors * WIDTH; k++) {
            b.putFloat(k * BYTES, pad);
        }
        return b;
    }

    /** The first {@code count} elements of a scratch buffer back into row {@code row} from column {@code col}. */
    private static void unpad(ByteBuffer from, Matrix m, int row, int col, int count) {
        m.bytes().put(m.offset(row, col), from, 0, count * BYTES);
    }
}
