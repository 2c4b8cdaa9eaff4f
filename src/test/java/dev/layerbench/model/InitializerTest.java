package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializerTest {

    private static double[] draw(Initializer init, int fanIn, int fanOut, long seed) {
        double[] values = new double[fanIn * fanOut];
        init.fill(values, fanIn, fanOut, new SplittableRandom(seed));
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero", "constant:0.01", "uniform:0.05", "normal:0.2", "xavier", "xavier-normal", "he",
            "orthogonal"})
    void textFormReadsBackAndSeedDecidesValues(String text) {
        Initializer init = Initializer.parse(text, "--init");
        assertEquals(text, init.text());
        assertArrayEquals(draw(init, 30, 7, 1), draw(init, 30, 7, 1), 0.0);
    }

    @Test
    void xavierUniformStaysWithinItsLimitAndUsesIt() {
        double limit = Math.sqrt(6.0 / (200 + 100));
        double max = 0;
        for (double v : draw(new Initializer.XavierUniform(), 200, 100, 3)) {
            assertTrue(Math.abs(v) <= limit);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.99 * limit, "20,000 draws reach the limit's neighbourhood: " + max);
    }

    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        double[] w = draw(new Initializer.He(), 400, 100, 5);
        double sumSquares = 0;
        for (double v : w) {
            sumSquares += v * v;
        }
        assertEquals(2.0 / 400, sumSquares / w.length, 0.05 * 2.0 / 400);
    }

    @Test
    void orthogonalColumnsAreOrthonormalForTallAndRowsForWide() {
        assertOrthonormal(draw(new Initializer.Orthogonal(), 12, 5, 9), 12, 5, true);
        assertOrthonormal(draw(new Initializer.Orthogonal(), 5, 12, 9), 5, 12, false);
    }

    private static void assertOrthonormal(double[] w, int rows, int cols, boolean columns) {
        int vectors = columns ? cols : rows;
        int length = columns ? rows : cols;
        for (int a = 0; a < vectors; a++) {
            for (int b = 0; b < vectors; b++) {
                double dot = 0;
                for (int k = 0; k < length; k++) {
                    dot += (columns ? w[k * cols + a] * w[k * cols + b] : w[a * cols + k] * w[b * cols + k]);
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
        }
    }

    @Test
    void constantFillsEveryValue() {
        for (double v : draw(new Initializer.Constant(0.01), 4, 3, 1)) {
            assertEquals(0.01, v, 0.0);
        }
    }

    @Test
    void malformedTextNamesTheFlag() {
        BadInputException e = assertThrows(BadInputException.class, () -> Initializer.parse("glorot", "--init"));
        assertTrue(e.getMessage().startsWith("--init must be"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Initializer.parse("uniform:wide", "--bias-init"));
        assertTrue(e.getMessage().contains("--bias-init") && e.getMessage().contains("wide"), e.getMessage());
    }
}
