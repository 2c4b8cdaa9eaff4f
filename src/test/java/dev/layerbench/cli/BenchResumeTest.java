package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.bench.BenchJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bench stopped the two ways it is stopped in practice — kill -9 (a crashed node, the OOM killer) and SIGTERM
 * (Ctrl-C's cousin, what scancel and a time limit send) — then resumed: every benchmark measured exactly once, and
 * nothing of the stopped runs left in their temporary folder.
 */
class BenchResumeTest {
    /** smoke at 1 thread, one fork: own 3 + dl4j 2 + 3 ceilings on cpu, pytorch 3 + 2 ceilings on pytorch-cpu. */
    private static final int SMOKE_ROWS = 13;

    @TempDir
    Path dir;

    @Test
    void aKilledAndATerminatedBenchResumeWithoutLosingOrRepeatingARow() throws Exception {
        Path journal = dir.resolve(BenchJournal.FILE_NAME);
        CliProcess bench = CliProcess.startWithOwnTemporaryFolder(dir.resolve("first.err"), "bench", "--preset",
                "smoke", "--threads", "1", "--out", dir.toString());
        bench.awaitJournalEntries(journal, "fork", 2);
        bench.killHard();
        int rowsAtKill = rows(journal).size();
        assertTrue(rowsAtKill >= 2 && rowsAtKill < SMOKE_ROWS, rowsAtKill + " rows at the kill");
        assertTrue(Files.notExists(dir.resolve("timing.json")), "no table before the run ends");
        CliRun compare = CliRun.of("compare", dir.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("(baseline) (partial: the bench did not finish"), compare.out());
        // what a kill in the middle of a write leaves: a line without its end
        Files.writeString(journal, "{\"kind\":\"fork\",\"sample\":{\"backend\":\"cp", StandardOpenOption.APPEND);

        CliProcess resumed = CliProcess.startWithOwnTemporaryFolder(dir.resolve("second.err"), "bench", "--resume",
                dir.toString());
        resumed.awaitJournalEntries(journal, "fork", CliProcess.entries(journal, "fork") + 1);
        assertEquals(128 + 15, resumed.terminate());
        int rowsAtTerm = rows(journal).size();
        assertTrue(resumed.stderr().contains("layerbench: stopped with " + rowsAtTerm + " of " + SMOKE_ROWS
                + " rows kept in " + journal.toAbsolutePath() + "; continue with: layerbench bench --resume "),
                resumed.stderr());

        CliRun finished = CliRun.of("bench", "--resume", dir.toString());

        assertEquals(0, finished.exitCode(), finished.err());
        assertTrue(finished.out().contains(rowsAtTerm + " rows already done"), finished.out());
        List<JsonNode> rows = rows(journal);
        assertEquals(SMOKE_ROWS, rows.size(), "every benchmark journaled");
        Set<String> keys = new HashSet<>();
        for (JsonNode row : rows) {
            String key = row.at("/sample/backend").asText() + " " + row.at("/sample/impl").asText() + " "
                    + row.at("/sample/op").asText();
            assertTrue(keys.add(key), "measured twice: " + key);
            assertTrue(row.at("/jmh/primaryMetric/score").isNumber(), "JMH's raw result kept: " + row);
        }
        assertEquals(1 + SMOKE_ROWS, Files.readAllLines(dir.resolve("timing.csv")).size());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("timing.json").toFile());
        assertEquals(SMOKE_ROWS, json.get("rows").size());
        assertEquals("smoke", json.at("/config/preset").asText());
        // three runs, several children per backend: still one agreement pass per backend
        assertEquals(2, CliProcess.entries(journal, "agreement"));
        assertEquals(2 * 24, json.get("agreement").size());

        int linesBefore = CliProcess.completeLines(journal);
        CliRun again = CliRun.of("bench", "--resume", dir.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains(SMOKE_ROWS + " rows already done"), again.out());
        assertEquals(linesBefore, CliProcess.completeLines(journal), "a finished bench starts no child");
    }

    @Test
    void aJournaledFolderIsNotOverwrittenAndItsOptionsAreKept() throws Exception {
        assertEquals(0, CliRun.of("bench", "--preset", "smoke", "--backends", "cpu", "--impl", "gemm",
                "--threads", "1", "--out", dir.toString()).exitCode());

        CliRun again = CliRun.of("bench", "--preset", "smoke", "--out", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, again.exitCode());
        assertTrue(again.err().contains("continue it with 'layerbench bench --resume " + dir + "'"), again.err());

        CliRun conflicting = CliRun.of("bench", "--resume", dir.toString(), "--backends", "cpu,pytorch-cpu");
        assertEquals(ExitCode.BAD_INPUT, conflicting.exitCode());
        assertTrue(conflicting.err().contains("drop the flags that differ: --backends"), conflicting.err());

        CliRun same = CliRun.of("bench", "--resume", dir.toString(), "--impl", "gemm");
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("2 rows already done"), same.out()); // the ceilings of X·W and Xᵀ·G
    }

    @Test
    void resumeRefusesWhatIsNotABenchJournal() throws Exception {
        CliRun missing = CliRun.of("bench", "--resume", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Files.writeString(dir.resolve(BenchJournal.FILE_NAME), "{\"kind\":\"study-journal\",\"schemaVersion\":1,"
                + "\"grid\":{}}\n");
        CliRun foreign = CliRun.of("bench", "--resume", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, foreign.exitCode());
        assertTrue(foreign.err().contains("is not a bench-journal of schema version 2"), foreign.err());
    }

    /** The journal's fork lines (smoke has one fork: one per row). */
    private static List<JsonNode> rows(Path journal) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.endsWith("}")) {
                JsonNode node = json.readTree(line);
                if (node.path("kind").asText().equals("fork")) {
                    rows.add(node);
                }
            }
        }
        return rows;
    }
}
