package dev.layerbench.study;

import dev.layerbench.results.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.layerbench.study.StudyRowFixtures.row;
import static dev.layerbench.study.StudyRowFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSummaryTest {
    @Test
    void aCellIsSummarisedOverItsSeeds() {
        List<CellSummary> cells = CellSummary.of(List.of(
                row("tiny-50", 16, "cpu", 42, 1.0, 0.6, Verdict.LEARNS, 0.3),
                row("tiny-50", 16, "cpu", 43, 0.9, 0.7, Verdict.LEARNS, 0.1),
                row("tiny-50", 16, "cpu", 44, 0.8, 0.8, Verdict.SYMMETRIC, 0.2),
                row("tiny-50", 0, "cpu", 42, 0.5, 0.5, Verdict.LEARNS, Double.NaN)));
        assertEquals(2, cells.size(), "the no-hidden-layer run is a cell of its own");
        CellSummary c = cells.get(0);
        assertEquals(3, c.seeds());
        assertEquals(0.9, c.trainMean(), 1e-12);
        assertEquals(0.1, c.trainSd(), 1e-12, "sample sd, n − 1");
        assertEquals(0.7, c.testMean(), 1e-12);
        assertEquals(0.2, c.gap(), 1e-12);
        assertEquals(Verdict.LEARNS, c.verdict());
        assertEquals(2, c.verdictSeeds());
        assertTrue(c.split());
        assertEquals(0.2, c.medianFinalSpread(), 1e-12);

        CellSummary single = cells.get(1);
        assertFalse(single.split());
        assertTrue(Double.isNaN(single.testSd()), "one seed has no spread");
        assertTrue(Double.isNaN(single.medianFinalSpread()), "no hidden layer, no spread");
    }

    @Test
    void aTiedCellTakesTheVerdictTheRuleChecksFirst() {
        CellSummary c = CellSummary.of(List.of(run("cpu", 1, Verdict.LEARNS), run("cpu", 2, Verdict.SYMMETRIC)))
                .get(0);
        assertEquals(Verdict.SYMMETRIC, c.verdict());
        assertEquals(1, c.verdictSeeds());
    }
}
