package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.report.StudyTables;
import dev.layerbench.results.SaddleTable;
import dev.layerbench.study.SaddleStudy;
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
        int runs = StudyRunner.runCount(StudyPreset.SMOKE, StudyPreset.SMOKE.scenarios(),
                StudyPreset.SMOKE.seeds());
        assertEquals(1 + runs, accuracy.size());
        assertEquals(StudyTables.CURVE_COLUMNS,
                List.of(Files.readAllLines(dir.resolve("curves.csv")).get(0).split(",")));
        String md = Files.readString(dir.resolve("study.md"));
        assertTrue(md.contains("## What is the 92%?") && md.contains("## Verdicts (float32, backend cpu)"), md);
        assertTrue(md.contains("The grid ran with 2 seeds (42, 43), each cell once per seed"), md);
        assertTrue(md.matches("(?s).*`(L|STALL|SYM|RO|DIV) [12]/2" + "†?` [0-9.]+ ± [0-9.]+%.*"),
                "verdict matrices give k/n and mean ± sd: " + md);
        assertTrue(md.contains("## Train against held-out accuracy"), md);
        int seedColumn = StudyTables.ACCURACY_COLUMNS.indexOf("seed");
        assertEquals(List.of("42", "43"), accuracy.stream().skip(1).map(l -> l.split(",")[seedColumn]).distinct()
                .sorted().toList(), "one row per seed, each naming it");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("study.json").toFile());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals(runs, json.get("rows").size());
        assertEquals(2, json.at("/config/seeds").asInt(), "provenance: how many seeds, from --seed 42");
        for (JsonNode row : json.get("rows")) {
            assertEquals("cpu", row.get("backend").asText(), "the build the child JVM found loaded");
            assertEquals("standard", row.get("scale").asText(), "synthetic scenarios' features are standardised");
        }
        assertEquals(List.of(Scenario.BALANCED.label(), Scenario.IMBALANCED.label()),
                List.of(json.at("/config/scenarios/0").asText(), json.at("/config/scenarios/1").asText()));

        List<String> saddle = Files.readAllLines(dir.resolve(SaddleTable.FILE_NAME));
        assertEquals(SaddleTable.COLUMNS, List.of(saddle.get(0).split(",")));
        assertEquals(1 + SaddleStudy.runCount(StudyPreset.SMOKE, StudyPreset.SMOKE.scenarios()), saddle.size());
        assertTrue(Files.readString(dir.resolve("saddle.svg")).startsWith("<svg"));
        assertTrue(md.contains("## The saddle at zero weights (scenario balanced, 4 hidden units, backend cpu)"), md);
        JsonNode saddleJson = new ObjectMapper().readTree(dir.resolve("saddle.json").toFile());
        assertEquals(42, saddleJson.at("/config/seed").asInt(), "the seed, for provenance");
        assertTrue(saddleJson.at("/environment/gitCommit").isTextual(), "the commit, for provenance");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--preset=huge", "--scenarios=mnist-digits", "--backends=pytorch-cpu", "--seeds=0",
            "--seeds=-3", "--seeds=101"})
    void badFlagsAreOneLineAndExitTwo(String flag) {
        CliRun run = CliRun.of("study", flag);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void seedsThatAreNotANumberExitTwoNamingTheFlag() {
        CliRun run = CliRun.of("study", "--seeds", "three");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().lines().findFirst().orElse("").contains("--seeds"), run.err());
    }

    @Test
    void traceSymmetryNeedsAHiddenLayer() {
        CliRun run = CliRun.of("train", "--trace-symmetry");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--trace-symmetry needs a hidden layer"), run.err());
    }
}
