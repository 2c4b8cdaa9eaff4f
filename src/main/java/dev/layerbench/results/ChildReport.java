package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.LoadedBackend;

import java.util.List;

/**
 * What one child JVM measured on one backend: the backend it found loaded, its environment, the rows (without
 * the cross-backend comparison columns) and JMH's own JSON results, kept raw so nothing is lost in translation.
 */
public record ChildReport(String requestedBackend, LoadedBackend loaded, Environment environment,
                          List<TimingRow> rows, List<JsonNode> jmhResults) {
}
