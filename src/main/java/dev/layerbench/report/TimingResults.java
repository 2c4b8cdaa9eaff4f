package dev.layerbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code layerbench bench --out DIR} folder back: {@code DIR/timing.json} as a {@link TimingResult}.
 *
 * <p>The file is checked as a tree before it is bound, so that each way it can be wrong — missing, cut short,
 * another schema version, another kind of result, a row without its time — is refused with one sentence naming
 * the file and the problem, never a Jackson stack trace. Binding is lenient where a file written by a newer
 * layerbench would otherwise fail for no reason that matters to a comparison: unknown fields are skipped and an
 * unknown backend label in a child report's provenance is read as null; the rows themselves are checked strictly.
 */
public final class TimingResults {
    public static final String FILE_NAME = "timing.json";
    /** The row fields a comparison cannot do without; {@code errorUs} may be null (no interval, reported n/a). */
    static final List<String> REQUIRED_ROW_TEXT = List.of("backend", "impl", "op", "dtype");
    static final List<String> REQUIRED_ROW_INTS = List.of("batch", "in", "out", "hidden");

    private static final ObjectReader READER = Json.mapper().readerFor(TimingResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private TimingResults() {
    }

    /** {@code dir/timing.json}, checked; a {@link BadInputException} naming the file if it cannot be used. */
    public static TimingResult read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("result folder " + dir + (Files.exists(dir) ? " is a file, not a folder"
                    : " does not exist"));
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " does not exist; is " + dir + " a folder written by "
                    + "'layerbench bench --out'?");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + " is not valid JSON (truncated or damaged): "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr(), e);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new BadInputException(file + " is not a JSON object (empty or truncated file?)");
        }
        check(file, root);
        try {
            return READER.readValue(root);
        } catch (IOException e) {
            throw new BadInputException(file + " does not have the layout of a timing result: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static void check(Path file, JsonNode root) {
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new BadInputException(file + " has no schemaVersion; this layerbench reads "
                    + TimingResult.SCHEMA_VERSION);
        }
        if (!version.isInt() || version.intValue() != TimingResult.SCHEMA_VERSION) {
            throw new BadInputException(file + " has schemaVersion " + version + "; this layerbench reads "
                    + TimingResult.SCHEMA_VERSION);
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !kind.isTextual() || !kind.asText().equals("bench")) {
            throw new BadInputException(file + " has kind " + (kind == null ? "(none)" : kind)
                    + ", not \"bench\"; compare reads the timing.json of 'layerbench bench'");
        }
        JsonNode rows = root.get("rows");
        if (rows == null || !rows.isArray()) {
            throw new BadInputException(file + " has no rows array");
        }
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isObject()) {
                throw new BadInputException(file + ": rows[" + i + "] is not an object");
            }
            for (String field : REQUIRED_ROW_TEXT) {
                if (!row.path(field).isTextual()) {
                    throw missing(file, i, field, row);
                }
            }
            for (String field : REQUIRED_ROW_INTS) {
                if (!row.path(field).isInt()) {
                    throw missing(file, i, field, row);
                }
            }
            if (!row.path("usPerOp").isNumber()) {
                throw missing(file, i, "usPerOp", row);
            }
        }
    }

    private static BadInputException missing(Path file, int index, String field, JsonNode row) {
        JsonNode value = row.get(field);
        return new BadInputException(file + ": rows[" + index + "] " + (value == null ? "has no " + field
                : "has " + field + " " + value + ", which is not a " + (field.equals("usPerOp") ? "number"
                : REQUIRED_ROW_INTS.contains(field) ? "whole number" : "text")));
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
