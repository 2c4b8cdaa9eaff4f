package dev.layerbench.data;

import dev.layerbench.BadInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelNoiseTest {
    @Test
    void flipsExactlyRoundedRateOfRowsToOtherClasses() {
        int[] labels = new int[1001]; // all class 0, so every changed row shows where it went
        int[] noisy = LabelNoise.flip(labels, 3, 0.25, 5L);
        int[] counts = new int[3];
        for (int label : noisy) {
            counts[label]++;
        }
        assertEquals(1001 - 250, counts[0]); // round(250.25) = 250 flips
        assertEquals(250, counts[1] + counts[2]);
        // Uniform over the two wrong classes: each gets about half (binomial sd ≈ 8).
        assertTrue(Math.abs(counts[1] - counts[2]) < 60, counts[1] + " vs " + counts[2]);
        assertArrayEquals(new int[1001], labels, "the input must stay untouched");
    }

    @Test
    void isDeterministicAndZeroRateChangesNothing() {
        int[] labels = Fixtures.twoClassLabels(500, 100);
        assertArrayEquals(LabelNoise.flip(labels, 2, 0.3, 9L), LabelNoise.flip(labels, 2, 0.3, 9L));
        assertArrayEquals(labels, LabelNoise.flip(labels, 2, 0.0, 9L));
    }

    @Test
    void rateOutsideZeroToOneIsRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> LabelNoise.flip(new int[3], 2, 1.0, 1L));
        assertEquals("--label-noise must be in [0, 1), got 1.", e.getMessage());
    }
}
