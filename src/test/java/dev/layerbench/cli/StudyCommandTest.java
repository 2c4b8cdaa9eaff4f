package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.report.StudyTables;
import dev.layerbench.study.Scenario;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void smokeStudyWritesItsFourFiles() throws Exception {
        CliRun run = CliRun.of("study", "--preset", "smoke", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());

        List<String> accuracy = Files.readAllLines(dir.resolve("accuracy.csv"));
        assertEquals(StudyTables.ACCURACY_COLUMNS, List.of(accuracy.get(0).split(",")));
        int runs = StudyRunner.runCount(StudyPreset.SMOKE, StudyPreset.SMOKE.scenarios());
        assertEquals(1 + runs, accuracy.size());
        assertEquals(StudyTables.CURVE_COLUMNS,
                List.of(Files.readAllLines(dir.resolve("curves.csv")).get(0).split(",")));
        String md = Files.readString(dir.resolve("study.md"));
        assertTrue(md.contains("## What is the 92%?") && md.contains("## Verdicts (float32, backend cpu)"), md);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(runs, json.get("rows").size());
        for (JsonNode row : json.get("rows")) {
            assertEquals("cpu", row.get("backend").asText(), "the build the child JVM found loaded");
            assertEquals("standard", row.get("scale").asText(), "synthetic scenarios' features are standardised");
        }
        assertEquals(List.of(Scenario.BALANCED.label(), Scenario.IMBALANCED.label()),
                List.of(json.at("/config/scenarios/0").asText(), json.at("/config/scenarios/1").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--preset=huge", "--scenarios=mnist-digits", "--backends=pytorch-cpu"})
    void badFlagsAreOneLineAndExitTwo(String flag) {
        CliRun run = CliRun.of("study", flag);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void traceSymmetryNeedsAHiddenLayer() {
        CliRun run = CliRun.of("train", "--trace-symmetry");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--trace-symmetry needs a hidden layer"), run.err());
    }
}
