package dev.layerbench.study;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether two backends (ND4J builds) reach different verdicts on the same cell of the study, beyond what the
 * seeds' own variation explains. A cell's seeds need not agree with each other (a verdict can hinge on the draw),
 * so one differing run proves nothing; the backends disagree when either rule holds:
 * <ol>
 *   <li><b>Fisher's exact test</b>, two-sided, on the 2×2 table (backend × seeds that reached the cell's most
 *   common verdict or not), gives p &lt; {@value #ALPHA}. α = 0.01 as for the timing comparisons, and because a
 *   study tests hundreds of cells: at 0.05, a few cells whose verdict varies from seed to seed would be flagged by
 *   chance alone. With n seeds per side its smallest possible p is 2 / C(2n, n): 0.1 for n = 3, 0.008 for n = 5,
 *   so the test can fire only from 5 seeds on (at 10 seeds: 7 of 10 against 0 of 10, 8–1, 9–2, 10–3).</li>
 *   <li><b>Every seed differs</b>: the same seed means the same data, starting weights and batch order on every
 *   backend, so runs pair up by seed; when each pair ends with two different verdicts, the build decided them. This
 *   is the rule that can fire with the 3 seeds of the quick preset (and with 1 seed it is the old per-run rule).</li>
 * </ol>
 * Fisher's test is computed from commons-math3's {@link HypergeometricDistribution}: with the margins fixed, the
 * count of the first backend is hypergeometric, and the two-sided p sums every table no more likely than the one
 * observed.
 */
public final class VerdictDisagreement {
    public static final double ALPHA = 0.01;
    /** Table probabilities within this relative distance of the observed one count as equally likely (as R does). */
    private static final double RELATIVE_TOLERANCE = 1e-7;

    /**
     * One cell on {@code backend} against the same cell on the reference backend (the first in the rows).
     *
     * @param counted         the verdict counted: the most common over both backends' seeds of the cell
     * @param referenceCount  seeds on the reference backend that reached {@code counted}, of {@code referenceSeeds}
     * @param otherCount      seeds on {@code backend} that reached {@code counted}, of {@code otherSeeds}
     * @param pValue          Fisher's exact test, two-sided
     * @param everySeedDiffers every seed run on both backends ended with different verdicts on the two
     */
    public record Comparison(CellSummary reference, CellSummary other, Verdict counted, int referenceCount,
                             int referenceSeeds, int otherCount, int otherSeeds, double pValue,
                             boolean everySeedDiffers) {
        public boolean disagree() {
            return pValue < ALPHA || everySeedDiffers;
        }

        /** Which rule made it disagree, for a table: "Fisher", "every seed" or both; empty when it agrees. */
        public String rule() {
            List<String> rules = new ArrayList<>();
            if (pValue < ALPHA) {
                rules.add("Fisher");
            }
            if (everySeedDiffers) {
                rules.add("every seed");
            }
            return String.join(", ", rules);
        }
    }

    private VerdictDisagreement() {
    }

    /** Every cell run on more than one backend: each other backend against the first backend in {@code rows}. */
    public static List<Comparison> compare(List<StudyRow> rows) {
        List<String> backends = rows.stream().map(StudyRow::backend).distinct().toList();
        List<Comparison> comparisons = new ArrayList<>();
        if (backends.size() < 2) {
            return comparisons;
        }
        Map<String, List<StudyRow>> cells = rows.stream().collect(Collectors.groupingBy(r -> String.join("|",
                r.scenario(), r.init(), Integer.toString(r.hidden()), r.activation(), r.dtype()),
                LinkedHashMap::new, Collectors.toList()));
        for (List<StudyRow> cell : cells.values()) {
            List<StudyRow> reference = cell.stream().filter(r -> r.backend().equals(backends.get(0))).toList();
            if (reference.isEmpty()) {
                continue;
            }
            for (String backend : backends.subList(1, backends.size())) {
                List<StudyRow> other = cell.stream().filter(r -> r.backend().equals(backend)).toList();
                if (!other.isEmpty()) {
                    comparisons.add(compare(reference, other, CellSummary.majority(cell).getKey()));
                }
            }
        }
        return comparisons;
    }

    private static Comparison compare(List<StudyRow> reference, List<StudyRow> other, Verdict counted) {
        int referenceCount = (int) reference.stream().filter(r -> r.verdict() == counted).count();
        int otherCount = (int) other.stream().filter(r -> r.verdict() == counted).count();
        Map<Long, Verdict> referenceBySeed = reference.stream().collect(Collectors.toMap(StudyRow::seed,
                StudyRow::verdict, (a, b) -> a));
        List<StudyRow> paired = other.stream().filter(r -> referenceBySeed.containsKey(r.seed())).toList();
        boolean everySeedDiffers = !paired.isEmpty()
                && paired.stream().allMatch(r -> r.verdict() != referenceBySeed.get(r.seed()));
        return new Comparison(CellSummary.of(reference).get(0), CellSummary.of(other).get(0), counted,
                referenceCount, reference.size(), otherCount, other.size(),
                fisherTwoSided(referenceCount, reference.size(), otherCount, other.size()), everySeedDiffers);
    }

    /**
     * Fisher's exact test, two-sided, of {@code k1} successes in {@code n1} trials against {@code k2} in
     * {@code n2}: the probability, with both margins fixed, of a table no more likely than the one observed.
     */
    public static double fisherTwoSided(int k1, int n1, int k2, int n2) {
        int population = n1 + n2;
        int successes = k1 + k2;
        // No random generator: only probabilities are asked for, never samples.
        HypergeometricDistribution first = new HypergeometricDistribution(null, population, successes, n1);
        double observed = first.probability(k1);
        double p = 0;
        for (int k = first.getSupportLowerBound(); k <= first.getSupportUpperBound(); k++) {
            double probability = first.probability(k);
            if (probability <= observed * (1 + RELATIVE_TOLERANCE)) {
                p += probability;
            }
        }
        return Math.min(1.0, p);
    }
}
