package dev.layerbench.report;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingRow;
import dev.layerbench.results.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's three sentences say what the tables say, and nothing when the tables are empty. */
class HeadlinesTest {
    private static StudyRow study(String scenario, int hidden, String backend, Verdict verdict, double test) {
        return new StudyRow(scenario, "zero", hidden, "tanh", "float32", backend, 42, test, test, 0.5, 0.48, 0.5, 0.92,
                0, 1, verdict, 0, -1, -1, 1, 1, 5, 100, 1, "standard");
    }

    @Test
    void emptyTablesSayNothingWasMeasured() {
        List<String> lines = Headlines.of(List.of(), List.of());
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("not measured here"), lines.get(0));
        assertTrue(lines.get(1).contains("not measured here"), lines.get(1));
        assertTrue(lines.get(2).contains("no study ran"), lines.get(2));
    }

    @Test
    void verdictsAreCountedPerOperationAndThreadCount() {
        TimingRow own = TimingFixtures.row("cpu", "own", "train_step", 100);
        TimingRow pytorch = TimingFixtures.row("pytorch-cpu", "pytorch", "train_step", 200);
        List<TimingRow> filled = dev.layerbench.bench.ComparisonColumns.fill(List.of(own, pytorch));
        String line = Headlines.ownVersusPytorch(filled);
        assertTrue(line.contains("train step 1 faster of 1 shape (time ratio 0.50)"), line);
    }

    @Test
    void theNinetyTwoPercentIsTheMajorityShareAndBackendsAreComparedCellByCell() {
        List<StudyRow> rows = List.of(study("imbalanced-92-8", 16, "cpu", Verdict.STALLED_AT_MAJORITY, 0.92),
                study("imbalanced-92-8", 16, "cpu-avx2", Verdict.STALLED_AT_MAJORITY, 0.92),
                study("balanced", 16, "cpu", Verdict.SYMMETRIC, 0.5),
                study("balanced", 16, "cpu-avx2", Verdict.SYMMETRY_BROKEN_BY_ROUNDOFF, 0.6));
        String ninetyTwo = Headlines.ninetyTwoPercent(rows);
        assertTrue(ninetyTwo.contains("majority share (92.0%) in 2 of 2 runs"), ninetyTwo);
        String backends = Headlines.disagreements(rows);
        assertTrue(backends.contains("disagree on 1 of 2 study cell comparisons"), backends);
        assertTrue(backends.contains("(first: balanced zero 16 tanh float32 on cpu-avx2)"), backends);
    }
}
