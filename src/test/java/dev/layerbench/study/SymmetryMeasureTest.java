package dev.layerbench.study;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SymmetryMeasureTest {
    private static final double DELTA = 1e-12;
    private static final double TOLERANCE = 1e-6;

    /** An I×H layer whose every weight is {@code weight} and every bias {@code bias}: what constant init gives. */
    private static double[][] constant(int inputs, int units, double weight) {
        double[][] weights = new double[inputs][units];
        for (double[] row : weights) {
            Arrays.fill(row, weight);
        }
        return weights;
    }

    private static double[] filled(int units, double value) {
        double[] bias = new double[units];
        Arrays.fill(bias, value);
        return bias;
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1, 1", "3, 4", "784, 64"})
    void allZeroLayerIsOneUnitWithNoDirection(int inputs, int units) {
        SymmetryMeasure m = SymmetryMeasure.of(new double[inputs][units], new double[units], TOLERANCE);

        assertEquals(new SymmetryMeasure(0, 1, 0, 0), m);
    }

    /** Every u_j equal: no spread, one group, U = v·1ᵀ has rank one (σ₂ = 0, effective rank 1). */
    @ParameterizedTest(name = "{0}×{1}, weights {2}, bias {3}")
    @CsvSource({
            "1, 2, 1.0, 0.0",
            "3, 4, -0.5, 0.25",
            "784, 64, 0.01, 0.0",
            "784, 64, 0.01, 0.01",
            "784, 64, 0.3, 0.3",
            "784, 256, 0.01, 0.01", // without the eigenvalue cut: effective rank 1.0000014, σ₂/σ₁ 8e-8
            "5, 3, 1e200, -1e200",   // squares would overflow without the power-of-two scaling
            "5, 3, 1e-300, 3e-300"}) // squares would underflow to 0
    void identicalColumnsAreOneUnitOfRankOne(int inputs, int units, double weight, double bias) {
        SymmetryMeasure m = SymmetryMeasure.of(constant(inputs, units, weight), filled(units, bias), TOLERANCE);

        assertAll(
                () -> assertEquals(0, m.relativeSpread()),
                () -> assertEquals(1, m.distinctUnits()),
                () -> assertEquals(0, m.sigmaRatio(), 1e-7),
                () -> assertEquals(1, m.entropyRank(), 1e-6));
    }

    @Test
    void oneUnitIsSymmetricByDefinition() {
        SymmetryMeasure m = SymmetryMeasure.of(new double[][] {{3}, {-1}}, new double[] {2}, TOLERANCE);

        assertEquals(new SymmetryMeasure(0, 1, 0, 1), m);
    }

    @Test
    void twoGroupsOfEqualUnits() {
        // u0 = u1 = (1, 2, 2), u2 = u3 = (2, 1, −2); both of norm 3 and orthogonal (2 + 2 − 4 = 0).
        double[][] weights = {
                {1, 1, 2, 2},
                {2, 2, 1, 1}};
        double[] bias = {2, 2, -2, -2};
        // Spread: ‖u2 − u0‖ = ‖(1, −1, −4)‖ = √18, over max norm 3 → √2.
        // Gram = 9·[[1,1,0,0],[1,1,0,0],[0,0,1,1],[0,0,1,1]] → λ = 18, 18, 0, 0 → σ = √18, √18, 0, 0:
        // σ₂/σ₁ = 1 and p = (½, ½) → effective rank 2.
        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertAll(
                () -> assertEquals(Math.sqrt(2), m.relativeSpread(), DELTA),
                () -> assertEquals(2, m.distinctUnits()),
                () -> assertEquals(1, m.sigmaRatio(), DELTA),
                () -> assertEquals(2, m.entropyRank(), DELTA));
    }

    @Test
    void groupsAreFoundWhateverTheUnitOrder() {
        // The same two groups as above, interleaved: u0 = u2 = (1, 2, 2), u1 = u3 = (2, 1, −2).
        double[][] weights = {
                {1, 2, 1, 2},
                {2, 1, 2, 1}};
        double[] bias = {2, -2, 2, -2};

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertEquals(2, m.distinctUnits());
        assertEquals(Math.sqrt(2), m.relativeSpread(), DELTA);
    }

    /**
     * Orthonormal u_j: every σ is 1, so σ₂/σ₁ = 1 and p_i = 1/H → effective rank H; every unit its own; and
     * ‖u_j − u_0‖ = √(1 + 1) = √2 over norms of 1.
     */
    static Stream<Arguments> orthonormalLayers() {
        return Stream.of(
                Arguments.of("identity 2×2", identityLike(2, 2), new double[2]),
                Arguments.of("identity-like 5×3", identityLike(5, 3), new double[3]),
                Arguments.of("identity-like 784×64", identityLike(784, 64), new double[64]),
                Arguments.of("rotation 2×2", new double[][] {{0.6, -0.8}, {0.8, 0.6}}, new double[2]),
                // u0 = (1, 0), u1 = (0, 1): the bias is one of the coordinates.
                Arguments.of("bias as a coordinate 1×2", new double[][] {{1, 0}}, new double[] {0, 1}));
    }

    private static double[][] identityLike(int inputs, int units) {
        double[][] weights = new double[inputs][units];
        for (int j = 0; j < units; j++) {
            weights[j][j] = 1;
        }
        return weights;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orthonormalLayers")
    void orthonormalUnitsAreAllDistinctAndEquallyStrong(String description, double[][] weights, double[] bias) {
        int units = bias.length;

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertAll(
                () -> assertEquals(Math.sqrt(2), m.relativeSpread(), DELTA),
                () -> assertEquals(units, m.distinctUnits()),
                () -> assertEquals(1, m.sigmaRatio(), DELTA),
                () -> assertEquals(units, m.entropyRank(), DELTA * units));
    }

    @Test
    void aBiasDifferenceAloneMakesUnitsDistinct() {
        // Equal incoming weights (2, 1), biases 2 and −2: u0 = (2, 1, 2), u1 = (2, 1, −2), both of norm 3.
        double[][] weights = {{2, 2}, {1, 1}};
        double[] bias = {2, -2};
        // Spread ‖(0, 0, 4)‖ / 3 = 4/3. Gram [[9, 1], [1, 9]] → λ = 10, 8 → σ = √10, √8.
        double s1 = Math.sqrt(10);
        double s2 = Math.sqrt(8);
        double p1 = s1 / (s1 + s2);
        double p2 = s2 / (s1 + s2);

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertAll(
                () -> assertEquals(4.0 / 3, m.relativeSpread(), DELTA),
                () -> assertEquals(2, m.distinctUnits()),
                () -> assertEquals(Math.sqrt(0.8), m.sigmaRatio(), DELTA),
                () -> assertEquals(Math.exp(-p1 * Math.log(p1) - p2 * Math.log(p2)), m.entropyRank(), DELTA));
    }

    /** u0 = (3, 4), u1 = (3, 4 + 5e-9): 5e-9 apart at norm 5, a relative difference of 1e-9. */
    @ParameterizedTest(name = "tolerance {0} → {1} distinct")
    @CsvSource({"1e-6, 1", "1e-8, 1", "1e-10, 2", "1e-12, 2", "0, 2"})
    void toleranceIsRelativeToTheLargestUnit(double tolerance, int expectedDistinct) {
        SymmetryMeasure m = SymmetryMeasure.of(new double[][] {{3, 3}}, new double[] {4, 4 + 5e-9}, tolerance);

        assertEquals(expectedDistinct, m.distinctUnits());
        // 4 + 5e-9 is stored to within ulp(4)/2 = 4.4e-16, so the spread is 1e-9 to about 1e-15.
        assertEquals(1e-9, m.relativeSpread(), 1e-15);
    }

    @Test
    void exactlyEqualUnitsAreOneUnitEvenAtToleranceZero() {
        SymmetryMeasure m = SymmetryMeasure.of(constant(3, 5, 0.7), filled(5, -0.1), 0);

        assertEquals(1, m.distinctUnits());
    }

    /**
     * Constant init where one unit has drifted: every u_j = (½, ½, ½, 0, …, 0, ½) of norm exactly 1, except that
     * unit {@code drifted} has 1e-7 taken off its first weight. Its norm drops below 1, so the largest norm is 1
     * and the spread is ½ − (½ − 1e-7) = 1e-7 (to ulp(½) = 1.1e-16).
     */
    @ParameterizedTest(name = "{0}×{1}, unit {2} drifted")
    @CsvSource({"3, 2, 1", "15, 4, 2", "784, 64, 63", "784, 64, 0"})
    void aTinyAsymmetryShowsInTheSpread(int inputs, int units, int drifted) {
        double[][] weights = new double[inputs][units];
        for (int i = 0; i < 3; i++) {
            Arrays.fill(weights[i], 0.5);
        }
        weights[0][drifted] -= 1e-7;
        double[] bias = filled(units, 0.5);

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);
        SymmetryMeasure strict = SymmetryMeasure.of(weights, bias, 1e-9);

        assertAll(
                () -> assertEquals(1e-7, m.relativeSpread(), 2e-16),
                () -> assertEquals(1, m.distinctUnits()),
                () -> assertEquals(2, strict.distinctUnits()),
                // σ₂/σ₁ of this layer is below 5e-8, under what the Gram matrix resolves (see SymmetryMeasure.of).
                () -> assertTrue(m.sigmaRatio() <= 1e-7, "sigmaRatio " + m.sigmaRatio()));
    }

    /**
     * Above its resolution σ₂/σ₁ is accurate. Units v = (½, ½, ½, ½) and w = v − δ·e₀ (bias is the last
     * coordinate): Gram [[1, 1 − δ/2], [1 − δ/2, 1 − δ + δ²]], so λ₁ + λ₂ = s = 2 − δ + δ² and
     * λ₁λ₂ = det = 3δ²/4. Then λ₁ = (s + √(s² − 4·det))/2 and σ₂/σ₁ = √(λ₁λ₂)/λ₁ = (√3/2)·δ/λ₁,
     * free of cancellation.
     */
    @ParameterizedTest(name = "δ = {0}")
    @CsvSource({"1e-5", "1e-3", "0.1", "0.5"})
    void sigmaRatioMatchesTheClosedFormAboveItsResolution(double delta) {
        double[][] weights = {{0.5, 0.5 - delta}, {0.5, 0.5}, {0.5, 0.5}};
        double[] bias = {0.5, 0.5};
        double s = 2 - delta + delta * delta;
        double det = 0.75 * delta * delta;
        double lambda1 = (s + Math.sqrt(s * s - 4 * det)) / 2;
        double expected = Math.sqrt(0.75) * delta / lambda1;

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        // At δ = 1e-5, λ₂ ≈ 7.5e-11 is known to about ε/λ₂ ≈ 3e-6 relative; larger δ do far better.
        assertEquals(expected, m.sigmaRatio(), 1e-4 * expected);
    }

    /** Not hand-computed: the Gram route against commons-math's SVD of U on a random layer. */
    @Test
    void singularValuesAgreeWithAnSvdOnARandomLayer() {
        Random random = new Random(20240611L);
        int inputs = 50;
        int units = 8;
        double[][] weights = new double[inputs][units];
        double[] bias = new double[units];
        double[][] u = new double[inputs + 1][units];
        for (int j = 0; j < units; j++) {
            for (int i = 0; i < inputs; i++) {
                weights[i][j] = random.nextGaussian() * (j + 1); // unequal scales, so σ are spread out
                u[i][j] = weights[i][j];
            }
            bias[j] = random.nextGaussian();
            u[inputs][j] = bias[j];
        }
        double[] sigma = new SingularValueDecomposition(new Array2DRowRealMatrix(u, false)).getSingularValues();
        double sum = 0;
        for (double s : sigma) {
            sum += s;
        }
        double entropy = 0;
        for (double s : sigma) {
            entropy -= s / sum * Math.log(s / sum);
        }

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertEquals(sigma[1] / sigma[0], m.sigmaRatio(), 1e-10);
        assertEquals(Math.exp(entropy), m.entropyRank(), 1e-10);
        assertEquals(units, m.distinctUnits());
    }

    @ParameterizedTest(name = "scaled by {0}")
    @CsvSource({"1e150", "1e-150", "-3", "0.125"})
    void measuresDoNotDependOnTheLayersScale(double scale) {
        Random random = new Random(7);
        double[][] weights = new double[20][6];
        double[] bias = new double[6];
        double[][] scaledWeights = new double[20][6];
        double[] scaledBias = new double[6];
        for (int j = 0; j < 6; j++) {
            for (int i = 0; i < 20; i++) {
                weights[i][j] = random.nextGaussian();
                scaledWeights[i][j] = weights[i][j] * scale;
            }
            bias[j] = random.nextGaussian();
            scaledBias[j] = bias[j] * scale;
        }

        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);
        SymmetryMeasure scaled = SymmetryMeasure.of(scaledWeights, scaledBias, TOLERANCE);

        assertEquals(m.relativeSpread(), scaled.relativeSpread(), 1e-14);
        assertEquals(m.distinctUnits(), scaled.distinctUnits());
        assertEquals(m.sigmaRatio(), scaled.sigmaRatio(), 1e-14);
        assertEquals(m.entropyRank(), scaled.entropyRank(), 1e-13);
    }

    static Stream<Arguments> invalidArguments() {
        double[][] twoByTwo = {{1, 2}, {3, 4}};
        double[] two = {0, 0};
        return Stream.of(
                Arguments.of("null weights", null, two, TOLERANCE, "must both be given"),
                Arguments.of("null bias", twoByTwo, null, TOLERANCE, "must both be given"),
                Arguments.of("no inputs", new double[0][], two, TOLERANCE, "at least one input"),
                Arguments.of("no units", new double[][] {{}, {}}, new double[0], TOLERANCE, "at least one unit"),
                Arguments.of("ragged", new double[][] {{1, 2}, {3}}, two, TOLERANCE, "Weight row 1 has 1 columns"),
                Arguments.of("null row", new double[][] {{1, 2}, null}, two, TOLERANCE, "Weight row 1 has no array"),
                Arguments.of("bias too short", twoByTwo, new double[] {0}, TOLERANCE, "bias has 1 entries"),
                Arguments.of("bias too long", twoByTwo, new double[3], TOLERANCE, "bias has 3 entries"),
                Arguments.of("negative tolerance", twoByTwo, two, -1e-6, "tolerance is -1.0E-6"),
                Arguments.of("NaN tolerance", twoByTwo, two, Double.NaN, "tolerance is NaN"),
                Arguments.of("infinite tolerance", twoByTwo, two, Double.POSITIVE_INFINITY, "must be finite"),
                Arguments.of("NaN weight", new double[][] {{1, Double.NaN}, {3, 4}}, two, TOLERANCE,
                        "Weight [0][1] is NaN"),
                Arguments.of("infinite bias", twoByTwo, new double[] {0, Double.NEGATIVE_INFINITY}, TOLERANCE,
                        "Bias 1 is -Infinity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void invalidArgumentsAreRefusedWithAMessageNamingThem(String description, double[][] weights, double[] bias,
            double tolerance, String messagePart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetryMeasure.of(weights, bias, tolerance));

        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void l2NormSumsSquares() {
        assertEquals(13, SymmetryMeasure.l2Norm(new double[] {3, 4, 12}), DELTA);
        assertEquals(0, SymmetryMeasure.l2Norm(new double[0]));
    }

    @Test
    void aRandomMnistSizedLayerHasEveryUnitDistinct() {
        Random random = new Random(42);
        double[][] weights = new double[784][64];
        double[] bias = new double[64];
        for (double[] row : weights) {
            for (int j = 0; j < 64; j++) {
                row[j] = random.nextGaussian() * 0.05;
            }
        }
        for (int j = 0; j < 64; j++) {
            bias[j] = random.nextGaussian() * 0.05;
        }
        SymmetryMeasure m = SymmetryMeasure.of(weights, bias, TOLERANCE);

        assertEquals(64, m.distinctUnits());
        assertTrue(m.sigmaRatio() > 0.5 && m.sigmaRatio() < 1, "sigmaRatio " + m.sigmaRatio());
    }
}
