package dev.layerbench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.layerbench.BadInputException;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.Product;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultJson;
import dev.layerbench.results.TimingResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code layerbench bench --out DIR} folder back: {@code DIR/timing.json} as a {@link TimingResult}.
 *
 * <p>The file is checked as a tree before it is bound, so that each way it can be wrong — missing, cut short,
 * another schema version (a schema-1 file, from before rows kept their raw samples, must be measured again),
 * another kind of result, a row without its time or samples — is refused with one sentence naming the file and
 * the problem, never a Jackson stack trace. Binding is lenient where a file written by a newer
 * layerbench would otherwise fail for no reason that matters to a comparison: unknown fields are skipped and an
 * unknown backend label in a child report's provenance is read as null; the rows themselves are checked strictly.
 */
public final class TimingResults {
    public static final String FILE_NAME = "timing.json";

    /** Whether {@code dir} holds a bench result, finished (timing.json) or not (only its journal). */
    public static boolean isBench(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME)) || Files.isRegularFile(dir.resolve(BenchJournal.FILE_NAME));
    }
    /** The row fields a comparison cannot do without; the summary columns are derived from {@code samplesUs}. */
    static final List<String> REQUIRED_ROW_TEXT = List.of("backend", "impl", "op", "dtype");
    static final List<String> REQUIRED_ROW_INTS = List.of("batch", "in", "out", "hidden", "threads");

    private static final ObjectReader READER = Json.mapper().readerFor(TimingResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private TimingResults() {
    }

    /**
     * {@code dir/timing.json}, checked; a {@link BadInputException} naming the file if it cannot be used. A folder
     * whose bench never got to write it — stopped, failed, or still running — is read from its journal
     * ({@code timing.jsonl}) instead, as a {@linkplain TimingResult#partial() partial} result.
     */
    public static TimingResult read(Path dir) {
        if (!Files.exists(dir.resolve(FILE_NAME)) && Files.isRegularFile(dir.resolve(BenchJournal.FILE_NAME))) {
            return BenchJournal.read(dir.resolve(BenchJournal.FILE_NAME)).result();
        }
        JsonNode root = ResultJson.read(dir, FILE_NAME, "bench", TimingResult.SCHEMA_VERSION, "layerbench bench --out");
        Path file = dir.resolve(FILE_NAME);
        checkRows(file, root.get("rows"));
        return ResultJson.bind(READER, root, file, "a timing result");
    }

    private static void checkRows(Path file, JsonNode rows) {
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isObject()) {
                throw new BadInputException(file + ": rows[" + i + "] is not an object");
            }
            for (String field : REQUIRED_ROW_TEXT) {
                if (!row.path(field).isTextual()) {
                    throw missing(file, i, field, row, "text");
                }
            }
            for (String field : REQUIRED_ROW_INTS) {
                if (!row.path(field).isInt()) {
                    throw missing(file, i, field, row, "whole number");
                }
            }
            if (!row.path("usPerOp").isNumber()) {
                throw missing(file, i, "usPerOp", row, "number");
            }
            if (!samplesByFork(row.get("samplesUs"))) {
                throw missing(file, i, "samplesUs", row, "list of forks, each a list of positive numbers");
            }
            Product.requireStoredCeiling(row.get("op").asText(), row.get("batch").asInt(), row.get("in").asInt(),
                    row.get("out").asInt(), row.get("hidden").asInt(), row.get("dtype").asText(),
                    file + ": rows[" + i + "]");
        }
    }

    /** One list per fork, none empty, of positive finite µs figures: what the tests and intervals resample. */
    private static boolean samplesByFork(JsonNode samples) {
        if (samples == null || !samples.isArray() || samples.isEmpty()) {
            return false;
        }
        for (JsonNode fork : samples) {
            if (!fork.isArray() || fork.isEmpty()) {
                return false;
            }
            for (JsonNode value : fork) {
                if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() <= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BadInputException missing(Path file, int index, String field, JsonNode row, String expected) {
        JsonNode value = row.get(field);
        String shown = value == null ? null : value.toString();
        // A row's samples can run to thousands of numbers; the sentence shows their start.
        if (shown != null && shown.length() > 80) {
            shown = shown.substring(0, 80) + "…";
        }
        return new BadInputException(file + ": rows[" + index + "] " + (value == null ? "has no " + field
                : "has " + field + " " + shown + ", which is not a " + expected));
    }
}
