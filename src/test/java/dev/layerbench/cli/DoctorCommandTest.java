package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** doctor on this machine, whatever it is: the default builds load, a GPU backend without a GPU build says why. */
class DoctorCommandTest {
    @Test
    void reportsEveryBackendWithWhatLoadedOrWhyNot() throws Exception {
        CliRun run = CliRun.of("doctor", "--json");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, JsonNode> byBackend = new HashMap<>();
        for (JsonNode report : new ObjectMapper().readTree(run.out())) {
            byBackend.put(report.get("backend").asText(), report);
        }
        assertEquals(8, byBackend.size());

        assertTrue(byBackend.get("cpu").get("runs").asBoolean(), byBackend.get("cpu").toString());
        assertTrue(byBackend.get("cpu").get("detail").asText().endsWith("/linux-x86_64/libnd4jcpu.so"));
        assertTrue(byBackend.get("pytorch-cpu").get("runs").asBoolean(), byBackend.get("pytorch-cpu").toString());

        JsonNode cuda = byBackend.get("cuda");
        if (!cuda.get("runs").asBoolean()) {
            assertFalse(cuda.get("detail").asText().isBlank(), "a backend that cannot run says why");
        }
    }
}
