package dev.layerbench.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RunSeedsTest {
    @Test
    void repeatsStartWithTheSingleRunAndStepTheMaster() {
        List<RunSeeds> repeats = RunSeeds.repeats(42, 3);
        assertEquals(RunSeeds.from(42), repeats.get(0), "seed 0 of a study is the run --seed 42 makes");
        assertEquals(List.of(42L, 43L, 44L), repeats.stream().map(RunSeeds::master).toList());
        assertEquals(RunSeeds.from(44), repeats.get(2), "any repeat re-runs from the master it records");
        assertNotEquals(repeats.get(0).init(), repeats.get(1).init());
        assertNotEquals(repeats.get(0).data(), repeats.get(1).data());
        assertNotEquals(repeats.get(0).shuffle(), repeats.get(1).shuffle());
    }
}
