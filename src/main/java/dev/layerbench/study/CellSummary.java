package dev.layerbench.study;

import dev.layerbench.results.StudyRow;
import dev.layerbench.results.Verdict;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One cell of a study's grid (scenario, init, layer, dtype, backend) summarised over its seeds: accuracies as mean
 * and sample standard deviation, the verdict most seeds reached with how many did, and the median final spread.
 * One seed's verdict can be a lucky draw; k of n seeds says how often it happens.
 *
 * @param seeds              runs in the cell, one per seed
 * @param trainSd            sample standard deviation over seeds (n − 1 in the denominator); NaN for one seed, which
 *                           has no spread to speak of (as are the other {@code Sd}s)
 * @param majorityBaseline   the test set's majority share, mean over seeds (each seed draws its own data)
 * @param verdict            the verdict most seeds reached; on a tie, the first in {@link Verdict}'s order (the rule's
 *                           own order: diverged, stalled, symmetric, round-off, learns)
 * @param verdictSeeds       how many seeds reached {@code verdict} — the k of "k/n"
 * @param medianFinalSpread  median over seeds of the hidden units' final relative spread; NaN without a hidden layer
 */
public record CellSummary(String scenario, String init, int hidden, String activation, String dtype, String backend,
                          int seeds, double trainMean, double trainSd, double testMean, double testSd,
                          double balancedMean, double balancedSd, double majorityBaseline, Verdict verdict,
                          int verdictSeeds, double medianFinalSpread) {

    /** Whether the seeds did not all reach the same verdict. */
    public boolean split() {
        return verdictSeeds < seeds;
    }

    /** Train minus test accuracy, means over seeds: how much of the training score is memory. */
    public double gap() {
        return trainMean - testMean;
    }

    /** The rows of each cell, summarised, in the order cells first appear in {@code rows}. */
    public static List<CellSummary> of(List<StudyRow> rows) {
        Map<String, List<StudyRow>> cells = rows.stream().collect(Collectors.groupingBy(CellSummary::cellKey,
                LinkedHashMap::new, Collectors.toList()));
        return cells.values().stream().map(CellSummary::summarise).toList();
    }

    /** What names a cell: every column that names a run but its seed. */
    public static String cellKey(StudyRow r) {
        return String.join("|", r.scenario(), r.init(), Integer.toString(r.hidden()), r.activation(), r.dtype(),
                r.backend());
    }

    /** The verdict most of {@code rows} reached (ties to the first in {@link Verdict}'s order) and how many did. */
    public static Map.Entry<Verdict, Integer> majority(List<StudyRow> rows) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        rows.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        return counts.entrySet().stream().min(Comparator.comparing((Map.Entry<Verdict, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey)).map(e -> Map.entry(e.getKey(), e.getValue())).orElseThrow();
    }

    private static CellSummary summarise(List<StudyRow> rows) {
        StudyRow first = rows.get(0);
        Map.Entry<Verdict, Integer> majority = majority(rows);
        double[] spreads = rows.stream().mapToDouble(StudyRow::finalSpread).filter(Double::isFinite).toArray();
        return new CellSummary(first.scenario(), first.init(), first.hidden(), first.activation(), first.dtype(),
                first.backend(), rows.size(), mean(rows, StudyRow::trainAccuracy), sd(rows, StudyRow::trainAccuracy),
                mean(rows, StudyRow::testAccuracy), sd(rows, StudyRow::testAccuracy),
                mean(rows, StudyRow::balancedAccuracy), sd(rows, StudyRow::balancedAccuracy),
                mean(rows, StudyRow::majorityBaseline), majority.getKey(),
                majority.getValue(), spreads.length == 0 ? Double.NaN : new Median().evaluate(spreads));
    }

    private static double mean(List<StudyRow> rows, ToDoubleFunction<StudyRow> metric) {
        return new Mean().evaluate(values(rows, metric));
    }

    private static double sd(List<StudyRow> rows, ToDoubleFunction<StudyRow> metric) {
        return rows.size() < 2 ? Double.NaN : new StandardDeviation().evaluate(values(rows, metric));
    }

    private static double[] values(List<StudyRow> rows, ToDoubleFunction<StudyRow> metric) {
        return rows.stream().mapToDouble(metric).toArray();
    }
}
