package dev.layerbench.report;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import dev.layerbench.study.CellSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.layerbench.study.StudyRowFixtures.row;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** study.md over seeds: k/n verdicts, mean ± sd, split cells marked, train against held-out read from the rows. */
class StudyMarkdownTest {
    /** Three seeds: balanced generalises (train 0.90, test 0.89), tiny-50 memorises (train 1.0, test 0.7). */
    private static List<StudyRow> rows(String backend) {
        List<StudyRow> rows = new ArrayList<>();
        for (long seed = 42; seed < 45; seed++) {
            rows.add(row("balanced", 16, backend, seed, 0.90, 0.89, Verdict.STALLED_AT_MAJORITY, 0.0));
            rows.add(row("tiny-50", 16, backend, seed, 1.0, 0.6 + 0.1 * (seed - 42),
                    seed == 44 ? Verdict.SYMMETRIC : Verdict.LEARNS, 0.1));
        }
        return rows;
    }

    @Test
    void verdictsAreKOfNWithTheSplitCellMarked() {
        String md = StudyMarkdown.verdictMatrices(CellSummary.of(rows("cpu")));
        assertTrue(md.contains("| zero | `STALL 3/3` 89.0 ± 0.0% |"), md);
        assertTrue(md.contains("| zero | `L 2/3" + StudyMarkdown.SPLIT + "` 70.0 ± 10.0% |"), md);
    }

    @Test
    void trainAgainstHeldOutSaysWhichScenarioWidensTheGap() {
        List<StudyRow> rows = rows("cpu");
        String md = StudyMarkdown.trainAgainstHeldOut(rows, CellSummary.of(rows));
        assertTrue(md.contains("| balanced | two classes, 50/50 | 90.0% | 89.0% | +1.0 |"), md);
        assertTrue(md.contains("| tiny-50 | 50 examples: too few to learn from (40 train, 10 test) | 100.0% | 70.0% "
                + "| +30.0 | +30.0: zero, hidden 16 tanh, float32 | wide: much of the training score is memory"), md);
        assertTrue(md.contains("(the widest here)"), md);
        assertTrue(md.lines().filter(l -> l.contains("(the widest here)")).allMatch(l -> l.startsWith("| tiny-50")),
                md);
    }

    @Test
    void gapsAreReadByTheirSize() {
        assertTrue(StudyMarkdown.reading(0.2, false).startsWith("wide"));
        assertTrue(StudyMarkdown.reading(0.03, false).startsWith("some memorising"));
        assertTrue(StudyMarkdown.reading(-0.005, false).startsWith("none to speak of"));
        assertTrue(StudyMarkdown.reading(-0.04, false).startsWith("held-out scores higher"));
    }

    @Test
    void backendsDisagreeByTheStatedRuleAndTheTableNamesIt() {
        List<StudyRow> rows = new ArrayList<>(rows("cpu"));
        for (StudyRow r : rows("cpu-avx2")) {
            // on the other build the balanced cell learns on every seed
            rows.add(r.scenario().equals("balanced") ? row("balanced", 16, "cpu-avx2", r.seed(), 0.9, 0.95,
                    Verdict.LEARNS, 0.0) : r);
        }
        String md = StudyMarkdown.of("quick", "cpu,cpu-avx2", List.of(), rows);
        assertTrue(md.contains("3 of 6 runs end with another verdict or test accuracy"), md);
        assertTrue(md.contains("1 of 2 cell comparisons do."), md);
        assertTrue(md.contains("| balanced | zero | 16 | tanh | float32 | cpu-avx2 | L 3/3 | STALL 3/3 | "), md);
        assertTrue(md.contains("| 0.10 | every seed |"), md);
        assertTrue(md.contains("The grid ran with 3 seeds (42, 43, 44), each cell once per seed"), md);
        assertTrue(md.contains("## Every cell over its seeds"), md);
    }
}
