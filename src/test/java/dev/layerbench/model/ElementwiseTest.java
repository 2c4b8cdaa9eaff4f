package dev.layerbench.model;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element-wise paths: ND4J's ops (float64 and float32), the JVM's SIMD kernels (float32) and its scalar loops
 * (float64), against the textbook formulas and against each other. Surefire runs with the Vector API module, as
 * every layerbench JVM does.
 */
class ElementwiseTest {
    private static final Blas BLAS = Blas.forCurrentBackend();
    private static final Elementwise ND4J = new Nd4jElementwise(BLAS);
    private static final Elementwise VECTOR = new VectorElementwise();
    private static final Elementwise DOUBLE = new DoubleElementwise(true);
    private static final Elementwise DOUBLE_SCALAR = new DoubleElementwise(false);
    /** Where the float64 loops may differ from ND4J's ops: a few ulp of the largest element compared. */
    private static final double DOUBLE_TOLERANCE = 1e-14;

    @Test
    void theJvmPathsAreTakenOnTheCpu() {
        assertTrue(Elementwise.jvmReady(), "surefire's argLine gives Elementwise.JVM_FLAGS");
        assertInstanceOf(VectorElementwise.class, Elementwise.forCurrentBackend(DataType.FLOAT, BLAS));
        assertInstanceOf(DoubleElementwise.class, Elementwise.forCurrentBackend(DataType.DOUBLE, BLAS));
        assertInstanceOf(Nd4jElementwise.class, Elementwise.choose(true, false, DataType.FLOAT, BLAS),
                "a JVM started without the module falls back to ND4J's ops instead of failing");
        assertInstanceOf(DoubleElementwise.class, Elementwise.choose(true, false, DataType.DOUBLE, BLAS),
                "float64's scalar loops need neither the module nor the compiler directives");
        assertInstanceOf(Nd4jElementwise.class, Elementwise.choose(false, true, DataType.FLOAT, BLAS),
                "device memory is not the JVM's to read");
        assertInstanceOf(Nd4jElementwise.class, Elementwise.choose(false, true, DataType.DOUBLE, BLAS),
                "device memory is not the JVM's to read");
    }

    /** The flags live in three more places than the list: each must say the same, or its JVMs fall back. */
    @Test
    void everyLauncherGivesTheJvmFlags() throws Exception {
        String script = Files.readString(Path.of("scripts/layerbench"));
        String pom = Files.readString(Path.of("pom.xml"));
        for (String flag : Elementwise.JVM_FLAGS) {
            assertTrue(script.contains(flag), "scripts/layerbench lacks " + flag);
            assertTrue(pom.contains(flag), "pom.xml's surefire argLine lacks " + flag);
        }
    }

    @Test
    void expIsWithinTwoUlpAcrossItsRange() {
        float worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            worst = Math.max(worst, ulpError(expOf(x), Math.exp(x)));
        }
        assertTrue(worst <= 2, "exp worst error " + worst + " ulp");
        assertEquals(1f, expOf(0f));
        assertEquals(0f, expOf(-100f), "below the normal range: 0, not a subnormal");
    }

    @Test
    void tanhIsWithinThreeUlpAndOddAndExactAtZero() {
        float worst = 0;
        for (float x = -12f; x <= 12f; x += 0.00731f) {
            float t = tanhOf(x);
            worst = Math.max(worst, ulpError(t, Math.tanh(x)));
            assertEquals(-t, tanhOf(-x), "odd");
        }
        for (float x = 1e-30f; x < 1; x *= 1.7f) {
            worst = Math.max(worst, ulpError(tanhOf(x), Math.tanh(x)));
        }
        assertTrue(worst <= 3, "tanh worst error " + worst + " ulp");
        assertEquals(0f, tanhOf(0f));
        assertEquals(1f, tanhOf(100f));
        INDArray half = Nd4j.create(DataType.FLOAT, 1, 1);
        VECTOR.activate(Activation.SIGMOID, Nd4j.zeros(DataType.FLOAT, 1, 1), half);
        assertEquals(0.5f, half.getFloat(0), "σ(0) = ½ exactly: the symmetry study's zero start depends on it");
    }

    @Test
    void doubleTanhIsOddToTheLastBitAndExactAtZero() {
        double worst = 0;
        for (double x = -25; x <= 25; x += 0.000731) {
            double t = DoubleElementwise.tanh(x);
            worst = Math.max(worst, Math.abs(t - StrictMath.tanh(x)) / Math.ulp(StrictMath.tanh(x)));
            assertEquals(Double.doubleToRawLongBits(-t), Double.doubleToRawLongBits(DoubleElementwise.tanh(-x)),
                    "odd at " + x);
        }
        for (double x = 1e-300; x < 1; x *= 1.3) {
            double exact = StrictMath.tanh(x);
            worst = Math.max(worst, Math.abs(DoubleElementwise.tanh(x) - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 2, "tanh worst error " + worst + " ulp");
        assertEquals(0, Double.doubleToRawLongBits(DoubleElementwise.tanh(0.0)), "tanh(0) = +0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DoubleElementwise.tanh(-0.0)));
        assertEquals(1.0, DoubleElementwise.tanh(1000.0));
        assertEquals(-1.0, DoubleElementwise.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(DoubleElementwise.tanh(Double.NaN)));
    }

    @Test
    void doubleExpIsWithinTwoUlpOfStrictMathAndRoundsAtTheEdgesAsIeeeDoes() {
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            // a softmax's range (−40, 0] and tanh's and σ's (−44, 44) most, and every normal result besides
            double x = i % 3 == 0 ? -40 * random.nextDouble() : i % 3 == 1 ? 88 * random.nextDouble() - 44
                    : -708 + 1417.7 * random.nextDouble();
            double exact = StrictMath.exp(x);
            worst = Math.max(worst, Math.abs(DoubleElementwise.exp(x) - exact) / Math.ulp(exact));
        }
        assertTrue(worst <= 2, "exp worst error " + worst + " ulp");
        assertEquals(1.0, DoubleElementwise.exp(0.0), 0.0, "e⁰ = 1 exactly: σ(0) = ½ depends on it");
        assertEquals(1.0, DoubleElementwise.exp(-0.0), 0.0);
        double largest = StrictMath.log(Double.MAX_VALUE);
        assertEquals(StrictMath.exp(largest), DoubleElementwise.exp(largest), 2 * Math.ulp(Double.MAX_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, DoubleElementwise.exp(709.79));
        assertEquals(Double.POSITIVE_INFINITY, DoubleElementwise.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, DoubleElementwise.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, DoubleElementwise.exp(-745.2), 0.0, "below half the least subnormal");
        assertEquals(Double.MIN_VALUE, DoubleElementwise.exp(-745.1), 0.0, "the least subnormal");
        for (double x = -745; x < -708.4; x += 0.37) { // subnormal results: within one of their ulps
            assertEquals(StrictMath.exp(x), DoubleElementwise.exp(x), Double.MIN_VALUE, "at " + x);
        }
        assertTrue(Double.isNaN(DoubleElementwise.exp(Double.NaN)));
    }

    /** float64's rows past the line shared with the second lane (float32's never are: NOTES §19). */
    @Test
    void doubleSoftmaxSharedWithTheSecondLaneGivesTheBitsOfOneThread() {
        int batch = 513;
        int classes = 20; // 10,260 elements: past the line for sharing the rows
        assertTrue((long) batch * classes >= DoubleElementwise.SHARED_SOFTMAX_ELEMENTS);
        INDArray logits = gapped(randomDoubles(batch, classes, 30.0, 8));
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = (r * 7) % classes;
        }
        INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, classes, DataType.DOUBLE);
        boolean allowed = SecondLane.INSTANCE.allowed();
        try {
            SecondLane.INSTANCE.allow(false);
            LossBuffers oneThread = LossBuffers.allocate(DataType.DOUBLE, batch, classes);
            double expected = DOUBLE.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, oneThread);
            SecondLane.INSTANCE.allow(true);
            for (int repeat = 0; repeat < 20; repeat++) { // each half by either thread, as the claims fall
                LossBuffers twoThreads = LossBuffers.allocate(DataType.DOUBLE, batch, classes);
                double shared = DOUBLE.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, twoThreads);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(shared), "loss");
                assertArrayEquals(oneThread.residual().data().asDouble(), twoThreads.residual().data().asDouble(),
                        "p − y");
            }
        } finally {
            SecondLane.INSTANCE.allow(allowed);
        }
    }

    @Test
    void doubleExpKernelIsTheScalarExpToTheBitInEveryLane() {
        int width = VectorElementwise.DOUBLE_WIDTH;
        int vectors = 4096;
        ByteBuffer in = ByteBuffer.allocateDirect(vectors * width * Double.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.allocateDirect(vectors * width * Double.BYTES).order(ByteOrder.nativeOrder());
        SplittableRandom random = new SplittableRandom(9);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 709.79,
                -745.1, -745.2, -720, 1e-300, -708.4, 709.78};
        for (int i = 0; i < vectors * width; i++) {
            double x = i < special.length ? special[i] : i % 2 == 0 ? -60 * random.nextDouble()
                    : -760 + 1480 * random.nextDouble();
            in.putDouble(i * Double.BYTES, x);
        }
        // the callers' scales and shifts: the softmax's 1 and a maximum, σ's −1, tanh's 2 (on |x|)
        for (double[] scaleAndShift : new double[][]{{1, 0.75}, {-1, 0}, {2, 0}}) {
            double scale = scaleAndShift[0];
            double shift = scaleAndShift[1];
            VectorElementwise.doubleExpKernel(in, 0, out, 0, vectors, scale, shift);
            for (int i = 0; i < vectors * width; i++) {
                double x = in.getDouble(i * Double.BYTES);
                double argument = scale == 1 ? x - shift : scale == -1 ? -x : 2 * x;
                double expected = DoubleElementwise.exp(argument);
                double actual = out.getDouble(i * Double.BYTES);
                assertTrue(Double.isNaN(expected) ? Double.isNaN(actual)
                                : Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual),
                        "e^(" + scale + "·" + x + " − " + shift + "): scalar " + expected + ", lane " + actual);
            }
        }
    }

    /**
     * The float64 activations and their derivatives with the SIMD kernels are the scalar loops' to the bit, on a
     * contiguous array (walked as one long row) and on a view with gaps between its rows (each row's 37 columns:
     * whole vectors and a scalar rest), over every branch of tanh and the special values. The derivative is also
     * read from arbitrary a (NaN, beyond ±1), not only from f(z).
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void doubleActivationKernelsAreTheScalarLoopsToTheBit(Activation f) {
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 1e-8, 0.625, Math.nextDown(0.625), -Math.nextUp(0.625),
                22, Math.nextUp(22.0), -22.5, 354.9, -355, 709.8, -745.5, 1e300, -Double.MAX_VALUE};
        SplittableRandom random = new SplittableRandom(21);
        int rows = 64;
        int cols = 37;
        double[][] z = new double[rows][cols];
        for (int i = 0; i < rows * cols; i++) {
            z[i / cols][i % cols] = i % 5 == 0 ? special[(i / 5) % special.length]
                    : i % 3 == 0 ? random.nextGaussian() * 0.4
                    : i % 3 == 1 ? 60 * random.nextDouble() - 30 : 1600 * random.nextDouble() - 800;
        }
        INDArray da = randomDoubles(rows, cols, 2.0, 22);
        for (boolean withGaps : new boolean[]{false, true}) {
            INDArray in = withGaps ? gapped(Nd4j.createFromArray(z)) : Nd4j.createFromArray(z);
            INDArray[] scalar = forwardAndBack(DOUBLE_SCALAR, f, in, da);
            INDArray[] vector = forwardAndBack(DOUBLE, f, in, da);
            assertBitEqual(scalar[0], vector[0], f + " a = f(z), gaps " + withGaps);
            assertBitEqual(scalar[1], vector[1], f + " dz = f'·da, gaps " + withGaps);
            INDArray fromAnyA = Nd4j.create(DataType.DOUBLE, rows, cols);
            INDArray fromAnyAScalar = Nd4j.create(DataType.DOUBLE, rows, cols);
            DOUBLE.activationGradient(f, in, in, da, fromAnyA);
            DOUBLE_SCALAR.activationGradient(f, in, in, da, fromAnyAScalar);
            assertBitEqual(fromAnyAScalar, fromAnyA, f + " dz from arbitrary a, gaps " + withGaps);
        }
    }

    /** Both JVM paths refuse a non-identity activation into its own input (the SIMD tanh reads it after a pass). */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "IDENTITY", mode = EnumSource.Mode.EXCLUDE)
    void anActivationIntoItsOwnInputIsRefused(Activation f) {
        INDArray z = randomDoubles(2, 16, 1.0, 5);
        INDArray before = z.dup();
        assertThrows(IllegalArgumentException.class, () -> DOUBLE.activate(f, z, z));
        assertThrows(IllegalArgumentException.class, () -> DOUBLE_SCALAR.activate(f, z, z));
        INDArray floats = random(2, 16, 1.0, 5);
        assertThrows(IllegalArgumentException.class, () -> VECTOR.activate(f, floats, floats));
        assertEquals(before, z, "refused before anything is written");
    }

    /** Equal logits get bit-equal probabilities across a row's vectors and its scalar rest (13 = 8 + 5, or 4·3 + 1). */
    @Test
    void doubleSoftmaxOfEqualLogitsIsEqualInVectorsAndRest() {
        INDArray logits = Nd4j.valueArrayOf(new long[]{2, 13}, 0.3, DataType.DOUBLE);
        INDArray p = Nd4j.create(DataType.DOUBLE, 2, 13);
        DOUBLE.probabilities(Loss.SOFTMAX_CROSS_ENTROPY, logits, p);
        for (double value : p.data().asDouble()) {
            assertEquals(Double.doubleToRawLongBits(p.getDouble(0, 0)), Double.doubleToRawLongBits(value));
        }
        assertEquals(1.0 / 13, p.getDouble(0, 0), 1e-16);
    }

    /** The SIMD softmax against the scalar one: equal within rounding (their sums add in other orders). */
    @ParameterizedTest
    @ValueSource(ints = {2, 10, 16, 37, 1024})
    void doubleSoftmaxWithAndWithoutVectorKernelsAgree(int classes) {
        int batch = 7;
        INDArray logits = gapped(randomDoubles(batch, classes, 20.0, classes + 1));
        int[] labels = {0, classes - 1, classes / 2, 0, classes / 3, 1, classes - 2};
        INDArray targets = view(Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, classes, DataType.DOUBLE));
        LossBuffers vector = LossBuffers.allocate(DataType.DOUBLE, batch, classes);
        LossBuffers scalar = LossBuffers.allocate(DataType.DOUBLE, batch, classes);
        double expected = DOUBLE_SCALAR.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, scalar);
        assertEquals(expected, DOUBLE.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, vector),
                DOUBLE_TOLERANCE * expected);
        assertClose(scalar.residual(), vector.residual(), "p − y");
    }

    @Test
    void doubleSigmoidIsHalfAtZeroAndFiniteFarOut() {
        INDArray z = Nd4j.createFromArray(new double[][]{{0.0, -1000.0, 1000.0, -30.0}});
        INDArray a = Nd4j.create(DataType.DOUBLE, 1, 4);
        DOUBLE.activate(Activation.SIGMOID, z, a);
        assertEquals(0.5, a.getDouble(0), 0.0, "σ(0) = ½ exactly: the symmetry study's zero start depends on it");
        assertEquals(0.0, a.getDouble(1), 0.0, "e^1000 overflows to ∞, and 1/∞ is 0, not NaN");
        assertEquals(1.0, a.getDouble(2), 0.0);
        assertEquals(Math.exp(-30) / (1 + Math.exp(-30)), a.getDouble(3), 1e-15 * a.getDouble(3));
    }

    /**
     * Equal inputs give bit-identical outputs wherever they are: in float32 in the whole vectors and in the padded
     * tail of a row, in float64 anywhere in a row-range view.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void equalUnitsStayEqualWhereverTheirLaneIs(Activation f) {
        int cols = FloatVector.SPECIES_PREFERRED.length() + 3;
        assertEqualUnitsStayEqual(VECTOR, f, Nd4j.valueArrayOf(new long[]{2, cols}, 0.3721f, DataType.FLOAT));
        assertEqualUnitsStayEqual(DOUBLE, f, view(Nd4j.valueArrayOf(new long[]{3, 13}, 0.3721, DataType.DOUBLE)));
    }

    /**
     * The JVM's paths agree with ND4J's ops, on 37 columns (an odd count) of row-range views (a trainer's batch) as
     * on whole arrays; float64 also on views whose rows have gaps between them, read and written.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsAndTheirGradientsAgreeWithNd4j(Activation f) {
        INDArray z = view(random(7, 37, 3.0, 1));
        INDArray da = view(random(7, 37, 1.0, 2));
        INDArray[] vector = forwardAndBack(VECTOR, f, z, da);
        INDArray[] nd4j = forwardAndBack(ND4J, f, z, da);
        assertArrayEquals(nd4j[0].data().asFloat(), vector[0].data().asFloat(), 4e-7f, "a = f(z)");
        assertArrayEquals(nd4j[1].data().asFloat(), vector[1].data().asFloat(), 1e-6f, "dz = f'(z)·da");

        INDArray zDouble = view(randomDoubles(7, 37, 3.0, 1));
        INDArray daDouble = gapped(randomDoubles(7, 37, 1.0, 2));
        INDArray[] nd4jDouble = forwardAndBack(ND4J, f, zDouble, daDouble);
        INDArray a = gapped(Nd4j.zeros(DataType.DOUBLE, 7, 37));
        INDArray dz = gapped(Nd4j.zeros(DataType.DOUBLE, 7, 37));
        DOUBLE.activate(f, zDouble, a);
        DOUBLE.activationGradient(f, zDouble, a, daDouble, dz);
        assertClose(nd4jDouble[0], a, "float64 a = f(z)");
        assertClose(nd4jDouble[1], dz, "float64 dz = f'(z)·da");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 37, 1024})
    void softmaxLossAndResidualAgreeWithNd4j(int classes) {
        int batch = 5;
        INDArray logits = random(batch, classes, 8.0, classes);
        int[] labels = {0, classes - 1, classes / 2, 0, classes / 3};
        INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, classes, DataType.FLOAT);
        LossBuffers nd4j = LossBuffers.allocate(DataType.FLOAT, batch, classes);
        LossBuffers vector = LossBuffers.allocate(DataType.FLOAT, batch, classes);
        double expected = ND4J.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, nd4j);
        double loss = VECTOR.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, vector);
        assertEquals(expected, loss, 2e-6 * Math.max(1, expected));
        assertArrayEquals(nd4j.residual().data().asFloat(), vector.residual().data().asFloat(), 1e-6f);
        INDArray residualOnly = Nd4j.create(DataType.FLOAT, batch, classes);
        VECTOR.residual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets,
                new LossBuffers(residualOnly, null, null, null));
        assertArrayEquals(vector.residual().data().asFloat(), residualOnly.data().asFloat(), "same kernel");
    }

    /** float64 on views (a trainer's batch): loss, residual with and without the loss, and probabilities. */
    @ParameterizedTest
    @ValueSource(ints = {2, 10, 37, 1024})
    void doubleSoftmaxLossResidualAndProbabilitiesAgreeWithNd4j(int classes) {
        int batch = 5;
        INDArray logits = gapped(randomDoubles(batch, classes, 8.0, classes));
        int[] labels = {0, classes - 1, classes / 2, 0, classes / 3};
        INDArray targets = view(Loss.SOFTMAX_CROSS_ENTROPY.targets(labels, classes, DataType.DOUBLE));
        agreesWithNd4j(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, Nd4j.create(DataType.DOUBLE, batch, classes));
    }

    @Test
    void doubleBinaryLossResidualAndProbabilitiesAgreeWithNd4j() {
        int batch = 9;
        // a row range only: ND4J's binary loss takes a dot product, which needs contiguous arrays
        INDArray logits = view(randomDoubles(batch, 1, 12.0, 3));
        INDArray targets = view(Loss.SIGMOID_BINARY_CROSS_ENTROPY.targets(new int[]{0, 1, 1, 0, 1, 0, 0, 1, 1}, 2,
                DataType.DOUBLE));
        agreesWithNd4j(Loss.SIGMOID_BINARY_CROSS_ENTROPY, logits, targets, Nd4j.create(DataType.DOUBLE, batch, 2));
    }

    @Test
    void binaryProbabilitiesAreComplementColumns() {
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR, DOUBLE}) {
            DataType type = e == VECTOR ? DataType.FLOAT : DataType.DOUBLE;
            INDArray logits = Nd4j.createFromArray(new double[][]{{0.0}, {2.0}}).castTo(type);
            INDArray p = Nd4j.create(type, 2, 2);
            e.probabilities(Loss.SIGMOID_BINARY_CROSS_ENTROPY, logits, p);
            double s = 1 / (1 + Math.exp(-2.0));
            assertArrayEquals(new double[][]{{0.5, 0.5}, {1 - s, s}}[1], p.toDoubleMatrix()[1], 1e-7, e.label());
            assertArrayEquals(new double[]{0.5, 0.5}, p.toDoubleMatrix()[0], 0.0, e.label());
        }
    }

    @Test
    void softmaxLossOfUniformLogitsIsLogK() {
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR, DOUBLE}) {
            DataType type = e == VECTOR ? DataType.FLOAT : DataType.DOUBLE;
            INDArray logits = Nd4j.zeros(type, 4, 5);
            INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{0, 1, 2, 3}, 5, type);
            LossBuffers buffers = LossBuffers.allocate(type, 4, 5);
            double loss = e.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets, buffers);
            double tolerance = type == DataType.FLOAT ? 1e-7 : 1e-15;
            assertEquals(Math.log(5), loss, tolerance, e.label());
            assertArrayEquals(new double[]{-0.8, 0.2, 0.2, 0.2, 0.2}, buffers.residual().getRow(0).toDoubleVector(),
                    tolerance, "p − y, not yet divided by the batch size");
        }
    }

    @Test
    void softmaxLossIsExactWhenAProbabilityUnderflows() {
        // p of the label is e^-1000 (float64) or e^-200 (float32): 0, so log p would be −∞; the loss is exact
        for (Elementwise e : new Elementwise[]{ND4J, DOUBLE}) {
            assertEquals((1000.0 + Math.log(2)) / 2, e.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY,
                    Nd4j.createFromArray(new double[][]{{0.0, -1000.0}, {0.0, 0.0}}),
                    Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, DataType.DOUBLE),
                    LossBuffers.allocate(DataType.DOUBLE, 2, 2)), 1e-12, e.label());
        }
        assertEquals((200.0 + Math.log(2)) / 2, VECTOR.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY,
                Nd4j.createFromArray(new float[][]{{0f, -200f}, {0f, 0f}}),
                Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, DataType.FLOAT),
                LossBuffers.allocate(DataType.FLOAT, 2, 2)), 1e-5);
    }

    @Test
    void aConfidentNetworkIsNotADivergedOne() {
        // the other class's probability underflows (log of it is −∞); the label's is 1: the loss is ~0, not NaN
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR}) {
            INDArray logits = Nd4j.createFromArray(new float[][]{{200f, -200f}, {-150f, 150f}});
            INDArray targets = Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{0, 1}, 2, DataType.FLOAT);
            assertEquals(0.0, e.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY, logits, targets,
                    LossBuffers.allocate(DataType.FLOAT, 2, 2)), 1e-12, e.label());
        }
        // float64: e^-1600 underflows too; logsumexp − z of the label is 800 − 800, exactly 0
        LossBuffers buffers = LossBuffers.allocate(DataType.DOUBLE, 2, 2);
        assertEquals(0.0, DOUBLE.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY,
                Nd4j.createFromArray(new double[][]{{800.0, -800.0}, {-750.0, 750.0}}),
                Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{0, 1}, 2, DataType.DOUBLE), buffers), 0.0);
        assertArrayEquals(new double[]{0, 0, 0, 0}, buffers.residual().data().asDouble(), 0.0, "p − y");
    }

    @Test
    void binaryLossStaysFiniteForHugeLogits() {
        // softplus written as max(z,0) + log1p(exp(−|z|)): exp(1000) would overflow
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR, DOUBLE}) {
            DataType type = e == VECTOR ? DataType.FLOAT : DataType.DOUBLE;
            INDArray logits = Nd4j.createFromArray(new double[][]{{1000.0}, {-1000.0}}).castTo(type);
            INDArray targets = Nd4j.createFromArray(new double[][]{{0.0}, {1.0}}).castTo(type);
            LossBuffers buffers = LossBuffers.allocate(type, 2, 1);
            assertEquals(1000.0, e.lossAndResidual(Loss.SIGMOID_BINARY_CROSS_ENTROPY, logits, targets, buffers),
                    1e-9, e.label());
            assertArrayEquals(new double[]{1, -1}, buffers.residual().data().asDouble(), 0.0, "p − y");
        }
    }

    @Test
    void refusesWhatItCannotReadSafely() {
        INDArray z = Nd4j.create(DataType.FLOAT, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> VECTOR.activate(Activation.TANH, z, Nd4j.create(DataType.FLOAT, 3, 5)), "shapes differ");
        assertThrows(IllegalArgumentException.class,
                () -> VECTOR.activate(Activation.TANH, Nd4j.create(DataType.DOUBLE, 3, 4),
                        Nd4j.create(DataType.DOUBLE, 3, 4)), "float32 only");
        assertThrows(IllegalArgumentException.class,
                () -> VECTOR.activate(Activation.TANH, z.transpose(), Nd4j.create(DataType.FLOAT, 4, 3)),
                "column-major views are not walked as rows");
        INDArray d = Nd4j.create(DataType.DOUBLE, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> DOUBLE.activate(Activation.TANH, d, Nd4j.create(DataType.DOUBLE, 3, 5)), "shapes differ");
        assertThrows(IllegalArgumentException.class,
                () -> DOUBLE.activate(Activation.TANH, z, Nd4j.create(DataType.FLOAT, 3, 4)), "float64 only");
        assertThrows(IllegalArgumentException.class,
                () -> DOUBLE.activate(Activation.TANH, d.transpose(), Nd4j.create(DataType.DOUBLE, 4, 3)),
                "column-major views are not walked as rows");
    }

    private static void assertEqualUnitsStayEqual(Elementwise e, Activation f, INDArray z) {
        INDArray a = Nd4j.create(z.dataType(), z.rows(), z.columns());
        INDArray dz = Nd4j.create(z.dataType(), z.rows(), z.columns());
        e.activate(f, z, a);
        e.activationGradient(f, z, a, Nd4j.valueArrayOf(z.shape(), -1.25, z.dataType()), dz);
        INDArray p = Nd4j.create(z.dataType(), z.rows(), z.columns());
        e.probabilities(Loss.SOFTMAX_CROSS_ENTROPY, z, p);
        for (INDArray out : new INDArray[]{a, dz, p}) {
            // a float widens to a double exactly, so equal doubles here are equal floats there
            long first = Double.doubleToRawLongBits(out.getDouble(0, 0));
            for (double v : out.data().asDouble()) {
                assertEquals(first, Double.doubleToRawLongBits(v), e.label() + ", " + f + ": " + out);
            }
        }
    }

    /** Everything a loss writes, by the float64 loops and by ND4J's ops from the same logits and targets. */
    private static void agreesWithNd4j(Loss loss, INDArray logits, INDArray targets, INDArray probabilities) {
        long batch = logits.rows();
        long units = logits.columns();
        LossBuffers nd4j = LossBuffers.allocate(DataType.DOUBLE, (int) batch, (int) units);
        LossBuffers scalar = LossBuffers.allocate(DataType.DOUBLE, (int) batch, (int) units);
        double expected = ND4J.lossAndResidual(loss, logits, targets, nd4j);
        assertEquals(expected, DOUBLE.lossAndResidual(loss, logits, targets, scalar), DOUBLE_TOLERANCE * expected,
                "loss");
        assertClose(nd4j.residual(), scalar.residual(), "p − y");
        INDArray residualOnly = Nd4j.create(DataType.DOUBLE, batch, units);
        DOUBLE.residual(loss, logits, targets, new LossBuffers(residualOnly, null, null, null));
        assertArrayEquals(scalar.residual().data().asDouble(), residualOnly.data().asDouble(), "same loop");
        INDArray expectedProbabilities = probabilities.dup();
        ND4J.probabilities(loss, logits, expectedProbabilities);
        DOUBLE.probabilities(loss, logits, probabilities);
        assertClose(expectedProbabilities, probabilities, "p");
    }

    /** Element for element the same bits (any NaN for a NaN). */
    private static void assertBitEqual(INDArray expected, INDArray actual, String what) {
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            int at = i;
            assertTrue(Double.isNaN(e[i]) ? Double.isNaN(a[i])
                            : Double.doubleToRawLongBits(e[i]) == Double.doubleToRawLongBits(a[i]),
                    () -> what + ": element " + at + " scalar " + e[at] + ", lanes " + a[at]);
        }
    }

    /** Every element within {@link #DOUBLE_TOLERANCE} of the largest expected one. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(e, a, DOUBLE_TOLERANCE * scale, what);
    }

    private static INDArray[] forwardAndBack(Elementwise e, Activation f, INDArray z, INDArray da) {
        INDArray a = Nd4j.create(z.dataType(), z.rows(), z.columns());
        INDArray dz = Nd4j.create(z.dataType(), z.rows(), z.columns());
        e.activate(f, z, a);
        e.activationGradient(f, z, a, da, dz);
        return new INDArray[]{a, dz};
    }

    /** Rows 2… of a larger matrix: a view whose buffer starts mid-allocation, like a trainer's batch. */
    private static INDArray view(INDArray m) {
        INDArray big = Nd4j.vstack(random(2, (int) m.columns(), 1.0, 99).castTo(m.dataType()), m);
        return big.get(NDArrayIndex.interval(2, 2 + m.rows()), NDArrayIndex.all());
    }

    /** Columns 1… of a wider matrix: a view whose rows lie further apart than their width. */
    private static INDArray gapped(INDArray m) {
        INDArray wide = Nd4j.hstack(random((int) m.rows(), 1, 1.0, 98).castTo(m.dataType()), m,
                random((int) m.rows(), 2, 1.0, 97).castTo(m.dataType()));
        return wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + m.columns()));
    }

    private static INDArray random(int rows, int cols, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] values = new float[rows][cols];
        for (float[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) ((rng.nextDouble() * 2 - 1) * scale);
            }
        }
        return Nd4j.createFromArray(values);
    }

    private static INDArray randomDoubles(int rows, int cols, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = (rng.nextDouble() * 2 - 1) * scale;
            }
        }
        return Nd4j.createFromArray(values);
    }

    private static float tanhOf(float x) {
        INDArray a = Nd4j.create(DataType.FLOAT, 1, 1);
        VECTOR.activate(Activation.TANH, Nd4j.valueArrayOf(new long[]{1, 1}, x, DataType.FLOAT), a);
        return a.getFloat(0);
    }

    private static float expOf(float x) {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        ByteBuffer in = ByteBuffer.allocateDirect(lanes * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer out = ByteBuffer.allocateDirect(lanes * Float.BYTES).order(ByteOrder.nativeOrder());
        in.putFloat(0, x);
        VectorElementwise.expKernel(in, 0, out, 0, 1, 1f, 0f);
        return out.getFloat(0);
    }

    /** |computed − exact| in units of the float spacing at the exact value. */
    private static float ulpError(float computed, double exact) {
        return (float) (Math.abs(computed - exact) / Math.ulp((float) exact));
    }
}
