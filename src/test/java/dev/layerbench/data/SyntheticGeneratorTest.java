package dev.layerbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticGeneratorTest {
    private static SyntheticSpec spec(double[] weights, int samples, double noise, double leak, int clusters) {
        return SyntheticSpec.of(2, 5, samples, weights, noise, leak, 1.5, clusters, 7L);
    }

    @Test
    void sameSeedGivesIdenticalData() {
        SyntheticSpec spec = spec(null, 300, 0.1, 0.5, 3);
        Dataset a = SyntheticGenerator.generate(spec);
        Dataset b = SyntheticGenerator.generate(spec);
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void differentSeedGivesDifferentData() {
        SyntheticSpec spec = spec(null, 300, 0.0, Double.NaN, 1);
        Dataset a = SyntheticGenerator.generate(spec);
        Dataset b = SyntheticGenerator.generate(spec.withSeed(8L));
        assertFalse(Arrays.equals(a.features(), b.features()));
        assertFalse(Arrays.equals(a.labels(), b.labels()));
    }

    @Test
    void classCountsMatchWeightsExactly() {
        Dataset data = SyntheticGenerator.generate(spec(new double[] {0.92, 0.08}, 1000, 0.0, Double.NaN, 1));
        assertArrayEquals(new int[] {920, 80}, data.classCounts());
    }

    @Test
    void roundingRemainderGoesToLargestClass() {
        // round(10/3) = 3 for each of three equal classes; the one left over goes to the first largest.
        SyntheticSpec spec = SyntheticSpec.of(3, 5, 10, null, 0, Double.NaN, 1.5, 1, 1L);
        assertEquals(3, spec.classes());
        assertArrayEquals(new int[] {4, 3, 3}, SyntheticGenerator.generate(spec).classCounts());
        SyntheticSpec skewed = SyntheticSpec.of(0, 5, 10, new double[] {0.25, 0.75}, 0, Double.NaN, 1.5, 1, 1L);
        assertArrayEquals(new int[] {3, 7}, skewed.classCounts()); // round(2.5) = 3, round(7.5) = 8, sum 11
    }

    @Test
    void labelNoiseFlipsExactlyThatManyRowsAndKeepsThePoints() {
        Dataset clean = SyntheticGenerator.generate(spec(null, 2000, 0.0, Double.NaN, 1));
        Dataset noisy = SyntheticGenerator.generate(spec(null, 2000, 0.1, Double.NaN, 1));
        int flipped = 0;
        for (int i = 0; i < clean.rows(); i++) {
            flipped += clean.labels()[i] != noisy.labels()[i] ? 1 : 0;
        }
        assertEquals(200, flipped);
        assertArrayEquals(clean.features(), noisy.features());
    }

    @Test
    void leakedColumnCorrelatesWithLabel() {
        Dataset data = SyntheticGenerator.generate(spec(null, 1000, 0.05, 0.1, 1));
        assertEquals(6, data.columns());
        assertEquals("leak", data.featureNames().get(5));
        double[] leak = new double[data.rows()];
        double[] label = new double[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            leak[i] = data.features()[i * data.columns() + 5];
            label[i] = data.labels()[i];
        }
        assertTrue(correlation(leak, label) > 0.95, "a leak of strength 0.1 should give the label away");
    }

    @Test
    void negativeOrNaNLeakMeansNoLeakedColumn() {
        assertEquals(5, SyntheticGenerator.generate(spec(null, 100, 0, -1, 1)).columns());
        Dataset data = SyntheticGenerator.generate(spec(null, 100, 0, Double.NaN, 1));
        assertEquals(List.of("x0", "x1", "x2", "x3", "x4"), data.featureNames());
        assertEquals(List.of("0", "1"), data.classNames());
    }

    @Test
    void sourceRecordsEveryParameter() {
        assertEquals("synthetic(classes=2, features=20, samples=2000, class-weights=0.5,0.5, label-noise=0,"
                        + " leak=none, separation=1.5, clusters=1, seed=42)",
                SyntheticGenerator.generate(SyntheticSpec.defaults()).source());
        assertEquals("synthetic(classes=2, features=5, samples=1000, class-weights=0.92,0.08, label-noise=0.05,"
                        + " leak=0.1, separation=1.5, clusters=3, seed=7)",
                spec(new double[] {0.92, 0.08}, 1000, 0.05, 0.1, 3).describe());
    }

    @Test
    void specsWithEqualParametersAreEqual() {
        assertEquals(spec(new double[] {0.9, 0.1}, 100, 0, 1, 1), spec(new double[] {0.9, 0.1}, 100, 0, 1, 1));
    }

    @Test
    void classWeightsSummingToOneWithinTheirDecimalsAreTaken() {
        SyntheticSpec thirds = SyntheticSpec.of(3, 5, 300, new double[] {0.3333333333, 0.3333333333, 0.3333333334}, 0,
                Double.NaN, 1.5, 1, 7L);
        assertArrayEquals(new int[] {100, 100, 100}, thirds.classCounts());
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of(spec(2, 20, 2000, null, 1.5, 1), "--label-noise must be in [0, 1), got 1.5"),
                Arguments.of(spec(2, 20, 2000, null, -0.1, 1), "--label-noise must be in [0, 1), got -0.1"),
                Arguments.of(spec(1, 20, 2000, null, 0, 1), "--classes must be at least 2, got 1"),
                Arguments.of(spec(2, 0, 2000, null, 0, 1), "--features must be at least 1, got 0"),
                Arguments.of(spec(2, 20, 1, null, 0, 1), "--samples must be at least 2, got 1"),
                Arguments.of(spec(2, 20, 2000, null, 0, 0), "--clusters must be at least 1, got 0"),
                Arguments.of(spec(2, 20, 2000, new double[] {1}, 0, 1), "--class-weights needs at least 2 weights"),
                Arguments.of(spec(2, 20, 2000, new double[] {0.5, -0.5}, 0, 1), "positive finite numbers, got -0.5"),
                Arguments.of(spec(2, 20, 2000, new double[] {1, 0}, 0, 1), "positive finite numbers, got 0"),
                Arguments.of(spec(2, 20, 2000, new double[] {0.5, 0.6}, 0, 1), "--class-weights 0.5,0.6 sum to 1.1,"
                        + " not 1: they are the shares of the rows, so give ones that sum to 1 (each divided by 1.1"
                        + " keeps these proportions)."),
                Arguments.of(spec(2, 20, 2000, new double[] {9, 1}, 0, 1), "--class-weights 9,1 sum to 10, not 1"),
                Arguments.of(spec(2, 20, 100, new double[] {0.999, 0.001}, 0, 1),
                        "--samples 100 leaves class 1 (weight 0.001) without rows"),
                Arguments.of(spec(1_000_000, 20, 2000, null, 0, 1), "--classes must be at most --samples (2000)"),
                Arguments.of(spec(2, 20, 2000, null, 0, 5000), "--clusters must be at most --samples (2000), got 5000"),
                Arguments.of(spec(2, 50_000, 50_000, null, 0, 1), "more than the 2147483639 values"));
    }

    private static Executable spec(int classes, int features, int samples, double[] weights, double noise,
                                 int clusters) {
        return () -> new SyntheticSpec(classes, features, samples, weights, noise, Double.NaN, 1.5, clusters, 1L);
    }

    @ParameterizedTest
    @MethodSource("invalidSpecs")
    void invalidSpecIsRefusedNamingTheFlag(Executable build, String expected) {
        assertBadInput(build, expected);
    }

    @Test
    void otherInvalidValuesNameTheirFlag() {
        assertBadInput(() -> new SyntheticSpec(2, 5, 100, null, 0, Double.NaN, -1, 1, 1L),
                "--separation must be a finite number >= 0, got -1");
        assertBadInput(() -> new SyntheticSpec(2, 5, 100, null, 0, Double.POSITIVE_INFINITY, 1, 1, 1L),
                "--leak must be a finite number (negative for no leak), got Infinity");
        assertBadInput(() -> new SyntheticSpec(3, 5, 100, new double[] {0.4, 0.6}, 0, Double.NaN, 1, 1, 1L),
                "--classes is 3 but --class-weights gives 2 weights");
    }

    private static double correlation(double[] a, double[] b) {
        double meanA = Arrays.stream(a).average().orElseThrow();
        double meanB = Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
