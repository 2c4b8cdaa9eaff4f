package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * float64 element-wise work in the JVM, straight on ND4J's host memory: whole vectors of a row by
 * {@link VectorElementwise}'s float64 kernels where the JVM has the Vector API, the rest (and everything without it)
 * by plain scalar loops.
 *
 * <p>Why not ND4J's ops: each costs ~10 µs of dispatch and 0.5–3.7 KB of heap whatever its size — most of a
 * float64 train step at a batch of one, and 3.3–3.9 KB of garbage per step at any batch (benchmarks/NOTES.md,
 * section 10). Here an op is a loop over the arrays' own memory ({@link HostBuffers}) with absolute reads and
 * writes: no crossing into native code, no allocation once an array's buffer is known. The SIMD kernels run only
 * where the JVM was started with {@link Elementwise#JVM_FLAGS}; they matter where an op covers a whole B × O batch:
 * the softmax (1,048,576 elements at 1024 × 784 → 1024, 15 ms of a 100 ms step in scalar loops, section 19) and a
 * hidden layer's activation and its derivative (262,144 elements at 1024 × 784 → 256 → 10, section 21). Each
 * kernel's lane computes this class's scalar function to the bit — the activations and their derivatives agree
 * with the scalar path exactly, wherever an element falls — but the softmax's sums add lane-wise first: its two
 * paths agree within rounding, not to the bit, and the environment names which ran ({@link #label}).
 *
 * <p>Why exp is written out ({@link #exp}: Cephes' double {@code exp}, plain IEEE adds, multiplies and one divide,
 * within 2 ulp of {@link StrictMath#exp}): a result must not depend on whether the interpreter, C1 or C2 ran the
 * loop — a seed reproduces a run, and two hidden units with equal inputs get bit-identical outputs, which the
 * symmetry study depends on — and {@code Math.exp}, an intrinsic once compiled, does not promise that. StrictMath's
 * does, but costs ~19 ns an element on JDK 17 here, and the softmax of a 1024 × 1024 batch took 24–31 ms of a
 * 95 ms train step with it (a probe, not JMH; benchmarks/NOTES.md, section 19). tanh is Cephes' double
 * {@code tanh} on top of it, computed on |x| with the sign put back, so it is odd to the last bit.
 *
 * <p>Every loop runs in a fixed order and sums add left to right, for the same reproducibility. Bounds are the
 * JVM's own: a loop that strayed would throw, not touch another array. Not thread-safe.
 */
final class DoubleElementwise extends HostElementwise {
    /** Below this |x|, tanh is Cephes' odd rational x + x·z·P(z)/Q(z), z = x²; above, 1 − 2/(e^{2|x|} + 1). */
    static final double TANH_SMALL = 0.625;
    /** Above this |x|, 2/(e^{2|x|} + 1) < 10⁻¹⁹ is below half an ulp of 1: tanh is ±1, with no exp to compute. */
    private static final double TANH_SATURATED = 22;
    // Cephes tanh.c, highest power first; Q is monic (its leading 1 is implicit)
    // (package-private, as exp's below: VectorElementwise's kernel computes the same, lane for lane)
    static final double P0 = -9.64399179425052238628E-1;
    static final double P1 = -9.92877231001918586564E1;
    static final double P2 = -1.61468768441708447952E3;
    static final double Q0 = 1.12811678491632931402E2;
    static final double Q1 = 2.23548839060100448583E3;
    static final double Q2 = 4.84406305325125486048E3;
    // Cephes exp.c: e^x = 2ⁿ·e^r, n = round(x·log₂e), r = x − n·ln2 with ln2 split in two (n·C1 is exact), and
    // e^r = 1 + 2r·P(r²)/(Q(r²) − r·P(r²)); highest power first
    static final double LOG2E = 1.4426950408889634073599;
    static final double C1 = 6.93145751953125E-1;
    static final double C2 = 1.42860682030941723212E-6;
    static final double EP0 = 1.26177193074810590878E-4;
    static final double EP1 = 3.02994407707441961300E-2;
    static final double EP2 = 9.99999999999999999910E-1;
    static final double EQ0 = 3.00198505138664455042E-6;
    static final double EQ1 = 2.52448340349684104192E-3;
    static final double EQ2 = 2.27265548208155028766E-1;
    static final double EQ3 = 2.00000000000000000009E0;
    /** Past these, e^x is ∞ (above e^709.78, the largest double) or 0 (below half the least subnormal). */
    static final double EXP_HIGH = 710;
    static final double EXP_LOW = -746;
    /** Adding and subtracting 1.5·2⁵² rounds a double below 2⁵¹ to the nearest integer, ties to even. */
    static final double ROUNDING = 6755399441055744.0;
    /** k + 1.5·2⁵² has the bits of 1.5·2⁵² plus k: adding this gives k + 1023, 2ᵏ's biased exponent. */
    static final long EXPONENT_FROM_ROUNDED = 1023 - Double.doubleToRawLongBits(ROUNDING);

    /**
     * Softmax here takes ~15–20 ns an element in scalar loops, ~8 with the SIMD kernels (benchmarks/NOTES.md,
     * section 19): from 8,192 elements, 60 µs or more of one thread's work, its rows are shared with the second
     * lane where two threads are allowed. A hidden layer's activation and derivative are not: shared from 65,536
     * elements they read 0.95–0.98 (intervals within [0.78, 1.16]) of the unshared step at 1024 × 784 → 64 and →
     * 256 → 10, all `same`, in two JMH rounds (section 21) — no gain shown.
     */
    static final long SHARED_SOFTMAX_ELEMENTS = 8192;

    /** Doubles per vector of the SIMD kernels, or 0 where they are not used. */
    private final int width;
    /** Per thread (a softmax row's lane): a vector sum's lanes, for adding in lane order. */
    private final double[][] lanes;

    /**
     * @param vectorKernels whether rows go through {@link VectorElementwise}'s float64 kernels (the JVM was
     *                      started with {@link Elementwise#JVM_FLAGS}), whole vectors of each row, the rest by the
     *                      scalar loop
     */
    DoubleElementwise(boolean vectorKernels) {
        super(DataType.DOUBLE, SHARED_SOFTMAX_ELEMENTS);
        this.width = vectorKernels ? VectorElementwise.DOUBLE_WIDTH : 0;
        this.lanes = new double[][]{new double[width], new double[width]};
    }

    @Override
    public void warmUp() {
        if (width > 0) {
            VectorElementwise.warmUpKernels();
        }
    }

    /**
     * Whole vectors of each row by {@link VectorElementwise}'s float64 kernels where they are used, the rest by the
     * scalar loop; each lane's result is the scalar's to the bit, so where an element falls changes nothing.
     * Arrays without gaps between rows are walked as one long row.
     */
    @Override
    void activate(Activation f, Matrix z, Matrix a) {
        boolean flat = z.contiguous() && a.contiguous();
        int rows = flat ? 1 : z.rows();
        int cols = flat ? z.rows() * z.cols() : z.cols();
        int vectors = width == 0 ? 0 : cols / width;
        for (int r = 0; r < rows; r++) {
            if (vectors > 0) {
                VectorElementwise.doubleActivation(f, z.bytes(), z.offset(r, 0), a.bytes(), a.offset(r, 0), vectors);
            }
            for (int c = vectors * width; c < cols; c++) {
                a.putDouble(r, c, activation(f, z.getDouble(r, c)));
            }
        }
    }

    /**
     * The derivative read from {@code a}: tanh' = 1 − a², σ' = a(1 − a), relu' = [a > 0] (which is [z > 0]); whole
     * vectors and the rest as {@link #activate} walks them.
     */
    @Override
    void activationGradient(Activation f, Matrix a, Matrix da, Matrix dz) {
        boolean flat = a.contiguous() && da.contiguous() && dz.contiguous();
        int rows = flat ? 1 : a.rows();
        int cols = flat ? a.rows() * a.cols() : a.cols();
        int vectors = width == 0 ? 0 : cols / width;
        for (int r = 0; r < rows; r++) {
            if (vectors > 0) {
                VectorElementwise.doubleGradient(f, a.bytes(), a.offset(r, 0), da.bytes(), da.offset(r, 0),
                        dz.bytes(), dz.offset(r, 0), vectors);
            }
            for (int c = vectors * width; c < cols; c++) {
                dz.putDouble(r, c, gradient(f, a.getDouble(r, c), da.getDouble(r, c)));
            }
        }
    }

    @Override
    void binaryProbabilities(Matrix z, Matrix p) {
        for (int r = 0; r < z.rows(); r++) {
            double positive = sigmoid(z.getDouble(r, 0));
            p.putDouble(r, 0, 1 - positive);
            p.putDouble(r, 1, positive);
        }
    }

    @Override
    public String label() {
        return width == 0 ? "jvm-scalar (float64, Cephes exp)"
                : "jvm-vector (float64, Cephes exp; " + width + " double lanes, a row's rest scalar)";
    }

    @Override
    double sigmoidOutputAndLossSum(Matrix z, Matrix y, Matrix p, boolean wantLoss) {
        double total = 0;
        for (int r = 0; r < z.rows(); r++) {
            total += sigmoidRow(z, y, p, r, wantLoss);
        }
        return total;
    }

    /**
     * One row of softmax (minus y when given) into p, and the row's cross-entropy Σ_j y_j·(logsumexp(z) − z_j)
     * when asked, else 0: from the logits themselves, so a label probability that rounds to 0 costs nothing
     * special. Labels of 0 are skipped, as 0·(logsumexp − z) adds nothing (and would be NaN for a logit of −∞).
     */
    @Override
    double softmaxRow(int lane, Matrix z, Matrix y, Matrix p, int r, boolean wantLoss) {
        // whole vectors by the kernels (sums lane-wise, then the lanes in order), the rest here, after them
        int vectors = width == 0 ? 0 : z.cols() / width;
        int rest = vectors * width;
        double max = vectors == 0 ? Double.NEGATIVE_INFINITY
                : VectorElementwise.doubleMaxKernel(z.bytes(), z.offset(r, 0), vectors, lanes[lane]);
        for (int c = rest; c < z.cols(); c++) {
            max = Math.max(max, z.getDouble(r, c));
        }
        double denominator = 0;
        if (vectors > 0) {
            VectorElementwise.doubleExpKernel(z.bytes(), z.offset(r, 0), p.bytes(), p.offset(r, 0), vectors, 1,
                    max);
            denominator = VectorElementwise.doubleSumKernel(p.bytes(), p.offset(r, 0), vectors, lanes[lane]);
        }
        for (int c = rest; c < z.cols(); c++) {
            double e = exp(z.getDouble(r, c) - max);
            p.putDouble(r, c, e);
            denominator += e;
        }
        double scale = 1 / denominator;
        if (vectors > 0 && y == null) {
            VectorElementwise.doubleScaleKernel(p.bytes(), p.offset(r, 0), scale, vectors);
        } else if (vectors > 0) {
            VectorElementwise.doubleScaleMinusKernel(p.bytes(), p.offset(r, 0), scale, y.bytes(), y.offset(r, 0),
                    vectors);
        }
        for (int c = rest; c < z.cols(); c++) {
            double probability = p.getDouble(r, c) * scale;
            p.putDouble(r, c, y == null ? probability : probability - y.getDouble(r, c));
        }
        if (!wantLoss) {
            return 0;
        }
        double logSumExp = max + StrictMath.log(denominator);
        double loss = 0;
        for (int c = 0; c < z.cols(); c++) {
            double target = y.getDouble(r, c);
            if (target != 0) {
                loss += target * (logSumExp - z.getDouble(r, c));
            }
        }
        return loss;
    }

    /**
     * σ(z) (minus y when given) of each unit of a row into p — the loss has one — and the row's binary
     * cross-entropy when asked, else 0.
     */
    private static double sigmoidRow(Matrix z, Matrix y, Matrix p, int r, boolean wantLoss) {
        double loss = 0;
        for (int c = 0; c < z.cols(); c++) {
            double logit = z.getDouble(r, c);
            double probability = sigmoid(logit);
            if (y == null) {
                p.putDouble(r, c, probability);
                continue;
            }
            double target = y.getDouble(r, c);
            p.putDouble(r, c, probability - target);
            if (wantLoss) {
                // softplus(z) − y·z as max(z, 0) + log1p(exp(−|z|)) − y·z, which cannot overflow
                loss += Math.max(logit, 0) + StrictMath.log1p(exp(-Math.abs(logit))) - target * logit;
            }
        }
        return loss;
    }

    private static double activation(Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case SIGMOID -> sigmoid(x);
            case TANH -> tanh(x);
            case RELU -> Math.max(x, 0);
        };
    }

    /** {@code da·f'}, with f' read from {@code a = f(z)}. */
    private static double gradient(Activation f, double a, double da) {
        return switch (f) {
            case IDENTITY -> da;
            case SIGMOID -> da * a * (1 - a);
            case TANH -> da * (1 - a * a);
            case RELU -> a > 0 ? da : 0;
        };
    }

    /**
     * σ(x) = 1 / (1 + e^{−x}); σ(0) = ½ exactly. Far below 0, e^{−x} overflows to +∞ and σ is 0, not NaN; far
     * above, e^{−x} is 0 and σ is 1.
     */
    static double sigmoid(double x) {
        return 1 / (1 + exp(-x));
    }

    /**
     * e^x within 2 ulp where the result is normal; exactly 1 at 0, ∞ above ~709.78, the rounded subnormal below
     * ~−708.4 and 0 below ~−745.1, NaN at NaN. The clamp keeps n in [−1076, 1024], and 2ⁿ is applied as two
     * factors of about 2^(n/2) (normal doubles both), so the last multiply rounds an overflow to ∞ and an underflow
     * to the nearest subnormal as IEEE does. Integers come from the bits of k + 1.5·2⁵², never from a conversion,
     * so that {@link VectorElementwise#doubleExpKernel} can do every step the same way in each lane. (The clamp by
     * comparisons: Math.min and max, which order −0 and NaN, made the whole 1.7× slower in a quick loop.)
     */
    static double exp(double x) {
        double clamped = x < EXP_LOW ? EXP_LOW : x > EXP_HIGH ? EXP_HIGH : x; // NaN falls through, and stays NaN
        double shifted = clamped * LOG2E + ROUNDING;
        double n = shifted - ROUNDING;
        double r = clamped - n * C1 - n * C2;
        double square = r * r;
        double odd = r * ((EP0 * square + EP1) * square + EP2);
        double even = ((EQ0 * square + EQ1) * square + EQ2) * square + EQ3;
        double fraction = 1 + 2 * (odd / (even - odd));
        // 2ⁿ as 2^h·2^(n − h), h = round(n/2): both exponents normal over the whole clamped range
        double half = n * 0.5 + ROUNDING;
        double remainder = n - (half - ROUNDING) + ROUNDING;
        return fraction * twoToRounded(half) * twoToRounded(remainder);
    }

    /** 2ᵏ from k + 1.5·2⁵² (k in [−1022, 1023]): k's bits moved into the exponent field. */
    private static double twoToRounded(double rounded) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(rounded) + EXPONENT_FROM_ROUNDED) << 52);
    }

    /** tanh x as Cephes computes it, on |x| with the sign put back: odd to the last bit, ±0 at ±0, NaN at NaN. */
    static double tanh(double x) {
        double magnitude = Math.abs(x);
        double t;
        if (magnitude > TANH_SATURATED) {
            t = 1;
        } else if (magnitude >= TANH_SMALL) {
            t = 1 - 2 / (exp(2 * magnitude) + 1);
        } else {
            double square = magnitude * magnitude;
            double ratio = ((P0 * square + P1) * square + P2) / (((square + Q0) * square + Q1) * square + Q2);
            t = magnitude + magnitude * square * ratio;
        }
        return Math.copySign(t, x);
    }
}
