package dev.layerbench.train;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EpochRowTest {
    private static EpochRow epoch(int epoch, double testAccuracy) {
        boolean diverged = Double.isNaN(testAccuracy);
        return new EpochRow(epoch, 0.5, testAccuracy, 0.5, testAccuracy, testAccuracy, 0.5, 0.5, 0.1, false,
                diverged, 1);
    }

    @Test
    void bestIsTheHighestTestAccuracyAndTheEarliestOnTies() {
        List<EpochRow> curve = List.of(epoch(1, 0.80), epoch(2, 0.8375), epoch(3, 0.83), epoch(4, 0.8375),
                epoch(5, 0.7939));
        assertEquals(2, EpochRow.bestByTestAccuracy(curve).orElseThrow().epoch());
    }

    @Test
    void aDivergedEpochIsNeverBest() {
        assertEquals(1, EpochRow.bestByTestAccuracy(List.of(epoch(1, 0.5), epoch(2, Double.NaN))).orElseThrow()
                .epoch());
        assertEquals(Optional.empty(), EpochRow.bestByTestAccuracy(List.of(epoch(1, Double.NaN))));
    }
}
