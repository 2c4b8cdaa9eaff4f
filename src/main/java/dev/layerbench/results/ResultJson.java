package dev.layerbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every reader of a result folder makes before binding its JSON: the folder and file exist, the file
 * is a whole JSON object, and its {@code schemaVersion}, {@code kind} and {@code rows} are what this layerbench
 * writes. Each failure is one sentence naming the file — never a Jackson stack trace.
 */
public final class ResultJson {
    private ResultJson() {
    }

    /**
     * {@code dir/fileName} as a checked JSON tree.
     *
     * @param command the command that writes such a folder, for the message ("layerbench bench --out")
     */
    public static JsonNode read(Path dir, String fileName, String kind, int schemaVersion, String command) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("result folder " + dir + (Files.exists(dir) ? " is a file, not a folder"
                    : " does not exist"));
        }
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " does not exist; is " + dir + " a folder written by '" + command
                    + "'?");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's limits (nesting depth, number length) are reported without a location.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new BadInputException(file + " is not valid JSON (truncated or damaged): "
                    + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new BadInputException(file + " is not a JSON object (empty or truncated file?)");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || version.isNull()) {
            throw new BadInputException(file + " has no schemaVersion; this layerbench reads " + schemaVersion);
        }
        if (version.isInt() && version.intValue() >= 1 && version.intValue() < schemaVersion) {
            throw new BadInputException(file + " was made by an older layerbench (schema " + version.intValue()
                    + "; this one reads " + schemaVersion + ") and must be re-measured with '" + command + "'");
        }
        if (!version.isInt() || version.intValue() != schemaVersion) {
            throw new BadInputException(file + " has schemaVersion " + version + "; this layerbench reads "
                    + schemaVersion);
        }
        JsonNode found = root.get("kind");
        if (found == null || !found.isTextual() || !found.asText().equals(kind)) {
            throw new BadInputException(file + " has kind " + (found == null ? "(none)" : found) + ", not \""
                    + kind + "\"; expected the " + fileName + " of '" + command + "'");
        }
        if (!root.path("rows").isArray()) {
            throw new BadInputException(file + " has no rows array");
        }
        return root;
    }

    /** Binds a checked tree; a layout Jackson cannot bind is bad input too. */
    public static <T> T bind(ObjectReader reader, JsonNode root, Path file, String what) {
        try {
            return reader.readValue(root);
        } catch (IOException e) {
            String message = e.getMessage();
            int end = message.indexOf('\n');
            throw new BadInputException(file + " does not have the layout of " + what + ": "
                    + (end < 0 ? message : message.substring(0, end)), e);
        }
    }
}
