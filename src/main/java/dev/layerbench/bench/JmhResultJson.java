package dev.layerbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.layerbench.BadInputException;
import dev.layerbench.results.Json;
import dev.layerbench.results.TimingRow;
import org.openjdk.jmh.util.ListStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bench run as JMH's own result file ({@code -rf json}): tools made for JMH results (JMH visualisers,
 * continuous-benchmarking actions set up for JMH) take a layerbench run as it is.
 *
 * <p>JMH runs inside each child JVM, one fork at a time, so it only ever wrote an entry per fork. A row's entry
 * is its first fork's, with what the row adds: the fork count, every fork's samples as {@code rawData}, and the
 * statistics JMH reports over all of them — computed by JMH's own {@link ListStatistics}, so a JMH reader sees
 * the numbers a JMH run of these forks would have printed. The format has no field for the backend, and cpu and
 * cpu-avx2 run the same benchmark method with the same params: the backend becomes one more param, since JMH
 * tools tell benchmarks apart by name and params.
 */
public final class JmhResultJson {
    public static final String FILE_NAME = "jmh-result.json";
    /** JMH's scoreError is the half-width of this interval of the mean (Student's t, n - 1 degrees of freedom). */
    private static final double CONFIDENCE = 0.999;
    /**
     * The one secondary metric kept, the allocation the rows carry: JMH averages it over iterations, so the same
     * statistics apply; gc.count and gc.time are sums, which the mean of the forks' samples would misstate.
     */
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    private JmhResultJson() {
    }

    /** The JSON array, an entry per row in the rows' order, from the JMH entry of every fork by row key. */
    public static String write(List<TimingRow> rows, Map<String, List<JsonNode>> jmhByKey) {
        ArrayNode entries = Json.mapper().createArrayNode();
        rows.forEach(row -> entries.add(entry(row, jmhByKey.getOrDefault(row.key(), List.of()))));
        return Json.write(entries);
    }

    static ObjectNode entry(TimingRow row, List<JsonNode> forks) {
        if (forks.size() != row.forks() || forks.stream().anyMatch(Objects::isNull)) {
            throw new BadInputException("the journal holds JMH's result for " + forks.stream()
                    .filter(Objects::nonNull).count() + " of the " + row.forks() + " forks of " + row.key()
                    + ": not a journal layerbench wrote");
        }
        ObjectNode entry = forks.get(0).deepCopy();
        entry.put("forks", row.forks());
        ObjectNode params = entry.objectNode().put("backend", row.backend());
        params.setAll((ObjectNode) entry.get("params"));
        entry.set("params", params);
        summarise((ObjectNode) entry.get("primaryMetric"), row.samplesUs());
        ObjectNode secondary = entry.objectNode();
        JsonNode allocation = entry.path("secondaryMetrics").get(ALLOCATION);
        if (allocation != null) {
            List<List<Double>> rawData = new ArrayList<>();
            forks.forEach(fork -> rawData.addAll(rawData(fork.path("secondaryMetrics").path(ALLOCATION))));
            secondary.set(ALLOCATION, summarise(allocation.deepCopy(), rawData));
        }
        entry.set("secondaryMetrics", secondary);
        return entry;
    }

    /** {@code metric} with {@code rawData} (a list per fork) and JMH's statistics of all its values. */
    private static ObjectNode summarise(ObjectNode metric, List<List<Double>> rawData) {
        ListStatistics all = new ListStatistics();
        rawData.forEach(fork -> fork.forEach(all::addValue));
        double[] interval = all.getConfidenceIntervalAt(CONFIDENCE);
        metric.set("score", number(all.getMean()));
        metric.set("scoreError", number(all.getMeanErrorAt(CONFIDENCE)));
        metric.set("scoreConfidence", metric.arrayNode().add(number(interval[0])).add(number(interval[1])));
        // the ranks JMH wrote ("0.0" … "100.0"), each recomputed over all forks
        ObjectNode percentiles = (ObjectNode) metric.get("scorePercentiles");
        List<String> ranks = new ArrayList<>();
        percentiles.fieldNames().forEachRemaining(ranks::add);
        ranks.forEach(rank -> percentiles.set(rank, number(all.getPercentile(Double.parseDouble(rank)))));
        metric.set("rawData", Json.mapper().valueToTree(rawData));
        return metric;
    }

    private static List<List<Double>> rawData(JsonNode metric) {
        List<List<Double>> forks = new ArrayList<>();
        metric.path("rawData").forEach(fork -> {
            List<Double> iterations = new ArrayList<>();
            fork.forEach(value -> iterations.add(value.asDouble()));
            forks.add(iterations);
        });
        return forks;
    }

    /** JMH writes an undefined statistic (the error of fewer than three samples) as the string "NaN". */
    private static JsonNode number(double value) {
        return Double.isNaN(value) ? TextNode.valueOf("NaN") : DoubleNode.valueOf(value);
    }
}
