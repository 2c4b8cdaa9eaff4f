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
 * Both element-wise paths: ND4J's ops (float64 and float32) and the JVM's SIMD kernels (float32), against the
 * textbook formulas and against each other. Surefire runs with the Vector API module, as every layerbench JVM does.
 */
class ElementwiseTest {
    private static final Blas BLAS = Blas.forCurrentBackend();
    private static final Elementwise ND4J = new Nd4jElementwise(BLAS);
    private static final Elementwise VECTOR = new VectorElementwise();

    @Test
    void theJvmPathIsTakenForFloat32OnTheCpuWhenTheModuleIsThere() {
        assertTrue(Elementwise.jvmReady(), "surefire's argLine gives Elementwise.JVM_FLAGS");
        assertInstanceOf(VectorElementwise.class, Elementwise.forCurrentBackend(DataType.FLOAT, BLAS));
        assertInstanceOf(Nd4jElementwise.class, Elementwise.forCurrentBackend(DataType.DOUBLE, BLAS));
        assertInstanceOf(Nd4jElementwise.class, Elementwise.choose(true, false, DataType.FLOAT, BLAS),
                "a JVM started without the module falls back to ND4J's ops instead of failing");
        assertInstanceOf(Nd4jElementwise.class, Elementwise.choose(false, true, DataType.FLOAT, BLAS),
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

    /** Equal inputs in the whole vectors and in the masked tail of a row give bit-identical outputs. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void equalUnitsStayEqualWhereverTheirLaneIs(Activation f) {
        int cols = FloatVector.SPECIES_PREFERRED.length() + 3;
        INDArray z = Nd4j.valueArrayOf(new long[]{2, cols}, 0.3721f, DataType.FLOAT);
        INDArray a = Nd4j.create(DataType.FLOAT, 2, cols);
        INDArray dz = Nd4j.create(DataType.FLOAT, 2, cols);
        VECTOR.activate(f, z, a);
        VECTOR.activationGradient(f, z, a, Nd4j.valueArrayOf(new long[]{2, cols}, -1.25f, DataType.FLOAT), dz);
        INDArray p = Nd4j.create(DataType.FLOAT, 2, cols);
        VECTOR.probabilities(Loss.SOFTMAX_CROSS_ENTROPY, z, p);
        for (INDArray out : new INDArray[]{a, dz, p}) {
            float first = out.getFloat(0, 0);
            for (float v : out.data().asFloat()) {
                assertEquals(Float.floatToRawIntBits(first), Float.floatToRawIntBits(v), f + ": " + out);
            }
        }
    }

    /** The JVM's kernels agree with ND4J's ops, on row-range views (a trainer's batch) as on whole arrays. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsAndTheirGradientsAgreeWithNd4j(Activation f) {
        INDArray z = view(random(7, 37, 3.0, 1));
        INDArray da = view(random(7, 37, 1.0, 2));
        INDArray[] vector = forwardAndBack(VECTOR, f, z, da);
        INDArray[] nd4j = forwardAndBack(ND4J, f, z, da);
        assertArrayEquals(nd4j[0].data().asFloat(), vector[0].data().asFloat(), 4e-7f, "a = f(z)");
        assertArrayEquals(nd4j[1].data().asFloat(), vector[1].data().asFloat(), 1e-6f, "dz = f'(z)·da");
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

    @Test
    void binaryProbabilitiesAreComplementColumns() {
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR}) {
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
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR}) {
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
        assertEquals((1000.0 + Math.log(2)) / 2, ND4J.lossAndResidual(Loss.SOFTMAX_CROSS_ENTROPY,
                Nd4j.createFromArray(new double[][]{{0.0, -1000.0}, {0.0, 0.0}}),
                Loss.SOFTMAX_CROSS_ENTROPY.targets(new int[]{1, 0}, 2, DataType.DOUBLE),
                LossBuffers.allocate(DataType.DOUBLE, 2, 2)), 1e-12);
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
    }

    @Test
    void binaryLossStaysFiniteForHugeLogits() {
        // softplus written as max(z,0) + log1p(exp(−|z|)): exp(1000) would overflow
        for (Elementwise e : new Elementwise[]{ND4J, VECTOR}) {
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
    }

    private static INDArray[] forwardAndBack(Elementwise e, Activation f, INDArray z, INDArray da) {
        INDArray a = Nd4j.create(DataType.FLOAT, z.rows(), z.columns());
        INDArray dz = Nd4j.create(DataType.FLOAT, z.rows(), z.columns());
        e.activate(f, z, a);
        e.activationGradient(f, z, a, da, dz);
        return new INDArray[]{a, dz};
    }

    /** Rows 2… of a larger matrix: a view whose buffer starts mid-allocation, like a trainer's batch. */
    private static INDArray view(INDArray m) {
        INDArray big = Nd4j.vstack(random(2, (int) m.columns(), 1.0, 99), m);
        return big.get(NDArrayIndex.interval(2, 2 + m.rows()), NDArrayIndex.all());
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
