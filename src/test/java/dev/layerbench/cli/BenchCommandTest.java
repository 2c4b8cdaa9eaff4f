package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.bench.ChildProcess;
import dev.layerbench.report.TimingTable;
import dev.layerbench.results.AgreementRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke preset end to end: real child JVMs, real JMH, real files. No timing is asserted. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void smokePresetWritesEveryTableWithTheBackendsThatActuallyRan() throws Exception {
        long started = System.currentTimeMillis() - 1000;
        CliRun run = CliRun.of("bench", "--preset", "smoke", "--threads", "1", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        List<String> csv = Files.readAllLines(dir.resolve("timing.csv"));
        assertEquals(TimingTable.COLUMNS, List.of(csv.get(0).split(",")));
        // smoke: one shape at 1 thread; own 3 ops + dl4j 2 + the ceilings of X·W, Xᵀ·G and DL4J's G·Wᵀ on cpu,
        // pytorch 3 + the ceilings of its 2 products on pytorch-cpu
        assertEquals(1 + 13, csv.size(), String.join("\n", csv));
        assertTrue(Files.readString(dir.resolve("timing.md")).contains("| train_step | cpu | own |"));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("timing.json").toFile());
        assertEquals(2, json.get("schemaVersion").asInt());
        Set<String> reported = new HashSet<>();
        for (JsonNode child : json.get("backends")) {
            String requested = child.get("requestedBackend").asText();
            assertEquals(requested, child.at("/loaded/backend").asText(), "the JVM ran what was asked for");
            for (JsonNode row : child.get("rows")) {
                assertEquals(requested, row.get("backend").asText(), "rows carry the loaded backend");
            }
            assertFalse(child.get("jmhResults").isEmpty(), "JMH's raw results are kept");
            reported.add(requested);
        }
        assertEquals(Set.of("cpu", "pytorch-cpu"), reported);
        String library = json.at("/backends/0/loaded/library").asText();
        assertTrue(library.endsWith("/linux-x86_64/libnd4jcpu.so"), library);
        for (JsonNode row : json.get("rows")) {
            assertTrue(row.get("usPerOp").asDouble() > 0, row.toString());
            assertEquals(1, row.get("threads").asInt(), "every row names its thread count");
            assertEquals(1, row.get("samplesUs").size(), "smoke: one fork");
            assertEquals(2, row.get("samplesUs").get(0).size(), "smoke: two measurement iterations");
            if (!row.get("impl").asText().equals("gemm")) {
                assertTrue(row.get("ceilingUs").asDouble() > 0, "ceiling found for " + row);
            }
            if (row.get("impl").asText().equals("own") || row.get("impl").asText().equals("dl4j")) {
                assertTrue(row.get("ratioToPytorch").asDouble() > 0, "peer found for " + row);
                assertTrue(List.of("faster", "slower", "same").contains(row.get("vsPytorch").asText()), row.toString());
            }
        }
        JsonNode jmh = new ObjectMapper().readTree(dir.resolve("jmh-result.json").toFile());
        assertEquals(json.get("rows").size(), jmh.size(), "jmh-result.json: an entry per row");
        for (int i = 0; i < jmh.size(); i++) {
            JsonNode row = json.get("rows").get(i);
            assertEquals(row.get("backend").asText(), jmh.get(i).at("/params/backend").asText());
            assertEquals(row.get("samplesUs"), jmh.get(i).at("/primaryMetric/rawData"), "rawData are the samples");
        }
        // agreement: per backend, 2 dtypes × (5 quantities without a hidden layer + 7 with one)
        List<String> agreementCsv = Files.readAllLines(dir.resolve("agreement.csv"));
        assertEquals(String.join(",", AgreementRow.COLUMNS), agreementCsv.get(0));
        assertEquals(1 + 2 * 24, agreementCsv.size(), String.join("\n", agreementCsv));
        Set<String> agreed = new HashSet<>();
        for (JsonNode row : json.get("agreement")) {
            agreed.add(row.get("backend").asText() + " " + row.get("impl").asText());
            assertEquals(json.at("/backends/0/environment/gitCommit"), row.get("commit"), "provenance: " + row);
            double limit = row.get("dtype").asText().equals("float64") ? 1e-10 : 1e-4;
            assertTrue(row.get("maxRelErr").isNumber() && row.get("maxRelErr").asDouble() < limit, row.toString());
        }
        assertEquals(Set.of("cpu own", "pytorch-cpu pytorch"), agreed);
        assertTrue(Files.readString(dir.resolve("timing.md")).contains("### Agreement with a float64 reference"));
        try (Stream<Path> temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertFalse(temporary.anyMatch(p -> p.getFileName().toString().startsWith(ChildProcess.FOLDER_PREFIX)
                    && p.toFile().lastModified() >= started), "no child work folder is left in the temp dir");
        }
    }

    @Test
    void withoutOutItNamesWhereItsJournalIs() throws Exception {
        CliRun run = CliRun.of("bench", "--preset", "smoke", "--backends", "cpu", "--impl", "gemm", "--threads", "1",
                "--filter", "gemm:l1\\.xw");
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("journal: ")).findFirst().orElseThrow(
                () -> new AssertionError("no journal line in: " + run.out()));
        Path journal = Path.of(line.substring("journal: ".length(), line.indexOf(" (--resume ")));
        assertTrue(Files.isRegularFile(journal), line);
        assertTrue(line.endsWith("(--resume " + journal.getParent() + " continues it)"), line);
        Files.delete(journal);
        Files.delete(journal.getParent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--preset=huge", "--backends=gpu", "--impl=numpy", "--threads=0", "--threads=two",
            "--filter=(", "--filter=nomatch", "--forks=0", "--iterations=0", "--time=0"})
    void badFlagsAreOneLineAndExitTwo(String flag) {
        CliRun run = CliRun.of("bench", flag);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aBuildWhoseNativeJarIsMissingIsRefusedBeforeAnythingRuns() {
        CliRun run = CliRun.of("bench", "--backends", "cpu-onednn", "--preset", "smoke");
        if (run.exitCode() == ExitCode.BAD_INPUT) {
            assertTrue(run.err().contains("mvn -Pcpu-builds"), run.err());
        } else {
            // this checkout was built with -Pcpu-builds: the jar exists and the build ran
            assertEquals(0, run.exitCode(), run.err());
        }
    }
}
