package dev.layerbench.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.layerbench.report.TimingFixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jmh-result.json read back as a JMH reader reads it, against a real JMH 1.37 entry. JMH has no public reader of
 * its JSON, so "a JMH reader takes it" is checked structurally: every key of the real entry is in ours, with the
 * same JSON type.
 */
class JmhResultJsonTest {
    @TempDir
    Path dir;

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String PRODUCT = "gemm:l1.xw";

    /**
     * JMH's own entry for GemmCeilingBenchmark.gemm, the first of the file written by
     * {@code java -cp target/layerbench.jar:target/lib/* org.openjdk.jmh.Main 'GemmCeilingBenchmark.gemm$' -f 0
     * -wi 0 -i 2 -r 50ms -p batch=4 -p in=8 -p out=3 -p threads=1 -prof gc -rf json -rff jmh-gemm-ceiling.json}
     * (the pattern also matches TorchGemmCeilingBenchmark, whose entry was cut).
     */
    private static JsonNode realEntry() throws IOException {
        try (InputStream in = JmhResultJsonTest.class.getResourceAsStream("jmh-gemm-ceiling.json")) {
            return PLAIN.readTree(in).get(0);
        }
    }

    private static ForkSample fork(String backend, int fork, List<Double> us, double allocBytesPerOp) {
        return new ForkSample(backend, "gemm", PRODUCT, 4, 8, 3, 0, "float32", 1, fork, fork, us, allocBytesPerOp);
    }

    /** The real entry as the child would have journaled it for a fork that measured {@code us}. */
    private static JsonNode jmhOfFork(JsonNode real, List<Double> us, double allocBytesPerOp) {
        ObjectNode jmh = real.deepCopy();
        ((ObjectNode) jmh.get("primaryMetric")).set("rawData", PLAIN.valueToTree(List.of(us)));
        ((ObjectNode) jmh.at("/secondaryMetrics/gc.alloc.rate.norm")).set("rawData",
                PLAIN.valueToTree(List.of(List.of(allocBytesPerOp, allocBytesPerOp))));
        return jmh;
    }

    @Test
    void aRowOfOneForkGetsJmhsOwnNumbersBack() throws IOException {
        JsonNode real = realEntry();
        List<Double> us = PLAIN.convertValue(real.at("/primaryMetric/rawData/0"), new TypeReference<>() {
        });
        TimingRow row = TimingRow.of(List.of(fork("cpu", 1, us, Double.NaN)), 1, 0.05);

        ObjectNode expected = real.deepCopy();
        expected.put("forks", 1);
        ObjectNode params = expected.objectNode().put("backend", "cpu");
        params.setAll((ObjectNode) real.get("params"));
        expected.set("params", params);
        expected.set("secondaryMetrics", expected.objectNode()
                .set("gc.alloc.rate.norm", real.at("/secondaryMetrics/gc.alloc.rate.norm")));
        assertEquals(expected, JmhResultJson.entry(row, List.of(real)),
                "score, the NaN error of 2 samples and every percentile as JMH computed them");
    }

    @Test
    void twoRowsOfTwoForksReadBackAsJmhResults() throws IOException {
        JsonNode real = realEntry();
        BenchJournal journal = BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of("config",
                Map.of("preset", "smoke", "measurement", new Measurement(1, 10, 3, 10, 2, 2, 0.05, 0),
                        "plannedRows", 2)));
        BenchJournal.Session cpu = session("EPYC", List.of(), "abc");
        journal.begin(cpu);
        journal.begin(new BenchJournal.Session("cpu-avx2", new LoadedBackend(Backend.CPU_AVX2,
                "/x/linux-x86_64-avx2/libnd4jcpu.so", "ND4J CpuBackend"), cpu.environment(), cpu.startedAt()));
        // cpu-avx2 runs the same benchmark method with the same params as cpu: only the backend param tells them apart
        Map<String, List<List<Double>>> samples = Map.of(
                "cpu", List.of(List.of(10.0, 11.0, 12.5), List.of(10.5, 13.0, 11.5)),
                "cpu-avx2", List.of(List.of(7.0, 7.5, 8.0), List.of(6.5, 9.0, 7.25)));
        Map<String, List<Double>> allocation = Map.of("cpu", List.of(1000.0, 1100.0),
                "cpu-avx2", List.of(500.0, 700.0));
        for (int f = 0; f < 2; f++) {
            for (String backend : List.of("cpu", "cpu-avx2")) {
                List<Double> us = samples.get(backend).get(f);
                double alloc = allocation.get(backend).get(f);
                journal.append(new BenchJournal.Measured(fork(backend, f + 1, us, alloc), jmhOfFork(real, us, alloc)));
            }
        }
        TimingResult result = BenchJournal.read(journal.file()).result();
        Path file = dir.resolve(JmhResultJson.FILE_NAME);
        Files.writeString(file, JmhResultJson.write(result.rows(), journal.jmhByKey()));

        JsonNode read = PLAIN.readTree(file.toFile());
        assertEquals(2, read.size(), "an entry per row");
        for (int i = 0; i < 2; i++) {
            TimingRow row = result.rows().get(i);
            JsonNode entry = read.get(i);
            assertSameKeysAndTypes(withoutDroppedMetrics(real), entry, "");
            assertEquals("dev.layerbench.benchmarks.GemmCeilingBenchmark.gemm", entry.get("benchmark").asText());
            assertEquals("avgt", entry.get("mode").asText());
            assertEquals(2, entry.get("forks").intValue());
            assertEquals(Map.of("backend", row.backend(), "batch", "4", "dtype", "float32", "hidden", "0", "in", "8",
                    "out", "3", "product", PRODUCT, "threads", "1"), PLAIN.convertValue(entry.get("params"),
                    new TypeReference<Map<String, String>>() {
                    }));

            JsonNode primary = entry.get("primaryMetric");
            assertEquals("us/op", primary.get("scoreUnit").asText());
            assertEquals(samples.get(row.backend()), PLAIN.convertValue(primary.get("rawData"),
                    new TypeReference<List<List<Double>>>() {
                    }));
            double[] all = samples.get(row.backend()).stream().flatMap(List::stream).mapToDouble(d -> d).toArray();
            double mean = Arrays.stream(all).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(all).map(x -> (x - mean) * (x - mean)).sum() / 5);
            double error = new TDistribution(5).inverseCumulativeProbability(0.9995) * sd / Math.sqrt(6);
            assertEquals(mean, primary.get("score").doubleValue(), 1e-12);
            assertEquals(error, primary.get("scoreError").doubleValue(), 1e-12);
            assertEquals(mean - error, primary.at("/scoreConfidence/0").doubleValue(), 1e-12);
            assertEquals(mean + error, primary.at("/scoreConfidence/1").doubleValue(), 1e-12);
            double[] sorted = Arrays.stream(all).sorted().toArray();
            assertEquals(sorted[0], primary.at("/scorePercentiles/0.0").doubleValue(), 0.0);
            assertEquals((sorted[2] + sorted[3]) / 2, primary.at("/scorePercentiles/50.0").doubleValue(), 1e-12);
            assertEquals(sorted[5], primary.at("/scorePercentiles/100.0").doubleValue(), 0.0);

            JsonNode alloc = entry.at("/secondaryMetrics/gc.alloc.rate.norm");
            assertEquals(row.allocBytesPerOp(), alloc.get("score").doubleValue(), 1e-9, "the mean over forks");
            assertEquals("B/op", alloc.get("scoreUnit").asText());
            assertEquals(4, alloc.get("rawData").size() * alloc.at("/rawData/0").size(), "2 forks × 2 iterations");
        }
        assertEquals(List.of("cpu", "cpu-avx2"), List.of(read.at("/0/params/backend").asText(),
                read.at("/1/params/backend").asText()), "timing.json's row order");
    }

    @Test
    void aForkWithoutJmhsResultIsBadInput() {
        TimingRow row = TimingRow.of(List.of(fork("cpu", 1, List.of(1.0, 2.0), Double.NaN)), 1, 0.05);
        List<JsonNode> none = new ArrayList<>();
        none.add(null);
        BadInputException e = assertThrows(BadInputException.class, () -> JmhResultJson.entry(row, none));
        assertTrue(e.getMessage().contains("0 of the 1 forks of cpu|gemm|gemm:l1.xw|"), e.getMessage());
    }

    /** The real entry without the GC profiler's sums, which jmh-result.json leaves out on purpose. */
    private static JsonNode withoutDroppedMetrics(JsonNode real) {
        ObjectNode copy = real.deepCopy();
        ((ObjectNode) copy.get("secondaryMetrics")).retain("gc.alloc.rate.norm");
        return copy;
    }

    /** Every key of {@code real} is in {@code ours} with its JSON type; JMH writes a NaN statistic as "NaN". */
    private static void assertSameKeysAndTypes(JsonNode real, JsonNode ours, String path) {
        assertTrue(ours != null, path + " is missing");
        if (real.isTextual() && real.asText().equals("NaN")) {
            assertTrue(ours.isNumber() || ours.asText().equals("NaN"), path + ": " + ours);
            return;
        }
        assertEquals(real.getNodeType(), ours.getNodeType(), path);
        assertEquals(real.isIntegralNumber(), ours.isIntegralNumber(), path + ": " + ours);
        if (real.isObject()) {
            real.fieldNames().forEachRemaining(key -> assertSameKeysAndTypes(real.get(key), ours.get(key),
                    path + "/" + key));
        } else if (real.isArray() && !real.isEmpty() && !ours.isEmpty()) {
            assertSameKeysAndTypes(real.get(0), ours.get(0), path + "/0");
        }
    }
}
