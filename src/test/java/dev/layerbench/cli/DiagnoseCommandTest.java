package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnoseCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsMarkdownAndWritesBothFiles() throws IOException {
        Path out = dir.resolve("diag");
        CliRun run = CliRun.of("diagnose", "--samples", "600", "--leak", "0.01", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("# layerbench diagnose"), run.out());
        assertTrue(run.out().contains("## Verdict"), run.out());
        assertTrue(run.out().contains("Feature 'leak' alone scores ROC-AUC"), run.out());
        assertEquals(Files.readString(out.resolve("diagnosis.md")),
                run.out().substring(0, run.out().indexOf("\nwrote ")));
        JsonNode json = new ObjectMapper().readTree(out.resolve("diagnosis.json").toFile());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("diagnose", json.get("kind").asText());
        assertEquals("synthetic", json.at("/data/spec").asText());
        assertEquals("standard", json.at("/data/scale").asText());
        assertEquals(600, json.at("/data/synthetic/samples").asInt());
        assertEquals("leak", json.at("/leakage/suspects/0/feature").asText());
        assertEquals(4, json.at("/labelNoise/points").size());
        assertEquals(4, json.at("/learningCurve/points").size());
        assertTrue(json.at("/zeroInit/hiddenLayer/verdict").isTextual());
        assertTrue(json.get("verdict").size() > 0);
    }

    @Test
    void missingCsvIsBadInput() {
        CliRun run = CliRun.of("diagnose", "--data", "csv:" + dir.resolve("absent.csv") + ":label");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("absent.csv"), run.err());
    }

    @Test
    void syntheticFlagWithRealDataIsBadInput() {
        CliRun run = CliRun.of("diagnose", "--data", "csv:" + dir.resolve("absent.csv") + ":label", "--leak", "0.1");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--leak"), run.err());
    }

    @Test
    void outThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun run = CliRun.of("diagnose", "--out", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }
}
