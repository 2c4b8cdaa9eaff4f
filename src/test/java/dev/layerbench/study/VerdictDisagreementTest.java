package dev.layerbench.study;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.layerbench.study.StudyRowFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backends disagree on a cell only beyond the seeds' own variation: Fisher's exact test, or every seed. */
class BackendAgreementTest {
    /**
     * Reference values from SciPy 1.x, {@code scipy.stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]])[1]}
     * (two-sided); 1/10 against 11/14 is Wikipedia's dieting example (p ≈ 0.0028).
     */
    @ParameterizedTest
    @CsvSource({"3, 3, 0, 3, 0.1", "3, 4, 1, 4, 0.4857142857", "7, 10, 0, 10, 0.0030959752",
            "9, 10, 3, 10, 0.0197666111", "5, 5, 0, 5, 0.0079365079", "2, 3, 2, 3, 1.0", "0, 3, 0, 3, 1.0",
            "1, 10, 11, 14, 0.0027594562"})
    void fisherMatchesR(int k1, int n1, int k2, int n2, double expected) {
        assertEquals(expected, VerdictDisagreement.fisherTwoSided(k1, n1, k2, n2), 1e-9);
    }

    @Test
    void threeSeedsCannotReachAlphaSoEverySeedDifferingIsTheRuleThatFires() {
        List<StudyRow> rows = new ArrayList<>();
        for (long seed = 42; seed < 45; seed++) {
            rows.add(run("cpu", seed, Verdict.SYMMETRIC));
            rows.add(run("cpu-avx2", seed, Verdict.SYMMETRY_BROKEN_BY_ROUNDOFF));
        }
        VerdictDisagreement.Comparison c = VerdictDisagreement.compare(rows).get(0);
        assertEquals(0.1, c.pValue(), 1e-12, "3/3 against 0/3 is as extreme as 3 seeds get");
        assertTrue(c.everySeedDiffers());
        assertTrue(c.disagree());
        assertEquals("every seed", c.rule());
        assertEquals("cpu-avx2", c.other().backend());
    }

    @Test
    void oneDifferingSeedOfThreeIsTheSeedsOwnVariation() {
        List<StudyRow> rows = List.of(run("cpu", 42, Verdict.LEARNS), run("cpu", 43, Verdict.LEARNS),
                run("cpu", 44, Verdict.SYMMETRIC), run("cpu-avx2", 42, Verdict.LEARNS),
                run("cpu-avx2", 43, Verdict.SYMMETRIC), run("cpu-avx2", 44, Verdict.SYMMETRIC));
        VerdictDisagreement.Comparison c = VerdictDisagreement.compare(rows).get(0);
        assertFalse(c.everySeedDiffers(), "seed 42 agrees");
        assertFalse(c.disagree(), "2/3 against 1/3: p = " + c.pValue());
        assertEquals("", c.rule());
    }

    @Test
    void tenSeedsEightAgainstOneIsADisagreementByFisherAlone() {
        List<StudyRow> rows = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            rows.add(run("cpu", seed, seed < 8 ? Verdict.SYMMETRIC : Verdict.LEARNS));
            // seeds 0 and 8, 9 agree; only some differ
            rows.add(run("cpu-onednn", seed, seed == 0 || seed == 8 ? rows.get(rows.size() - 1).verdict()
                    : Verdict.LEARNS));
        }
        VerdictDisagreement.Comparison c = VerdictDisagreement.compare(rows).get(0);
        assertEquals(Verdict.LEARNS, c.counted(), "the most common over both: 11 of 20 learn");
        assertEquals(2, c.referenceCount());
        assertEquals(9, c.otherCount());
        assertFalse(c.everySeedDiffers());
        assertTrue(c.pValue() < VerdictDisagreement.ALPHA, "p = " + c.pValue());
        assertEquals("Fisher", c.rule());
    }

    @Test
    void oneBackendHasNothingToCompare() {
        assertTrue(VerdictDisagreement.compare(List.of(run("cpu", 1, Verdict.LEARNS))).isEmpty());
    }
}
