package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerbenchCommandTest {
    @Test
    void versionNamesTheBuild() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("layerbench 0."), run.out());
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("train") && run.out().contains("env"), run.out());
    }

    @Test
    void completionPrintsABashScriptForTheSubcommandsPeopleUse() {
        CliRun run = CliRun.of("completion");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out());
        assertTrue(run.out().contains("complete -F _complete_layerbench"), run.out());
        assertTrue(run.out().contains(
                "local commands=\"suite env train diagnose bench study doctor compare report help completion\""), run.out());
        assertFalse(run.out().contains("-child"), "the hidden child commands are not offered");
    }

    @Test
    void envJsonReportsTheBackendNd4jInitialised() throws Exception {
        CliRun run = CliRun.of("env", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode env = new ObjectMapper().readTree(run.out());
        assertEquals("CPU", env.get("nd4jBackend").asText());
        assertEquals("OPENBLAS", env.get("blasVendor").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("logicalCores").asInt());
        assertFalse(env.get("libraries").get("nd4j-native").asText().equals("unknown"));
    }

    @Test
    void unknownSubcommandIsBadInput() {
        CliRun run = CliRun.of("frobnicate");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
    }
}
