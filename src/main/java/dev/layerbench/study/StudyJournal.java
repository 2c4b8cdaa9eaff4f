package dev.layerbench.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerbench.BadInputException;
import dev.layerbench.report.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study's runs as they finish, one JSON line each, appended and forced to disk, after a first line that records
 * the grid. A study killed at any moment loses at most the run in flight: a line cut short by the kill is dropped
 * when the journal is reopened, and every complete line is a run that is never done twice.
 */
public final class StudyJournal {
    public static final String FILE_NAME = "runs.jsonl";
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper LINES = Json.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

    /** One finished run: its row and its curves. */
    public record Entry(StudyRow row, List<CurvePoint> curves) {
        String key() {
            return StudyJournal.key(row.scenario(), row.init(), row.hidden(), row.activation(), row.dtype(),
                    row.backend());
        }
    }

    private final Path file;

    private StudyJournal(Path file) {
        this.file = file;
    }

    /** A new journal for {@code grid}; an error if one is already there (that is what --resume is for). */
    public static StudyJournal create(Path file, Map<String, Object> grid) {
        if (Files.exists(file)) {
            throw new BadInputException(file.getParent() + " already holds a study journal (" + FILE_NAME
                    + "): continue it with --resume " + file.getParent() + ", or choose another --out");
        }
        StudyJournal journal = new StudyJournal(file);
        journal.appendLine(Map.of("kind", "study-journal", "schemaVersion", SCHEMA_VERSION, "grid", grid));
        return journal;
    }

    /** The journal in {@code file}, with a line cut short by a kill removed. */
    public static StudyJournal open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " does not exist: --resume needs a folder a study was writing to");
        }
        StudyJournal journal = new StudyJournal(file);
        journal.dropIncompleteLastLine();
        journal.grid();
        return journal;
    }

    /** The grid recorded in the first line. */
    public JsonNode grid() {
        List<String> lines = lines();
        try {
            JsonNode header = lines.isEmpty() ? null : Json.mapper().readTree(lines.get(0));
            if (header == null || !"study-journal".equals(header.path("kind").asText())
                    || header.path("schemaVersion").asInt() != SCHEMA_VERSION) {
                throw new BadInputException(file + " is not a study journal of schema version " + SCHEMA_VERSION);
            }
            return header.get("grid");
        } catch (IOException e) {
            throw new BadInputException(file + " has a damaged first line: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
    }

    public List<Entry> entries() {
        List<String> lines = lines();
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                entries.add(Json.mapper().readValue(lines.get(i), Entry.class));
            } catch (IOException e) {
                throw new BadInputException(file + " line " + (i + 1) + " is not a study run: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return entries;
    }

    /** Keys of the runs already done, to skip. */
    public Set<String> doneKeys() {
        Set<String> keys = new HashSet<>();
        entries().forEach(e -> keys.add(e.key()));
        return keys;
    }

    public synchronized void append(StudyRow row, List<CurvePoint> curves) {
        appendLine(new Entry(row, curves));
    }

    public Path file() {
        return file;
    }

    static String key(String scenario, String init, int hidden, String activation, String dtype, String backend) {
        return String.join("|", scenario, init, Integer.toString(hidden), activation, dtype, backend);
    }

    private void appendLine(Object value) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            byte[] line = (LINES.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A kill can leave the last line without its newline: it is not a finished run. */
    private void dropIncompleteLastLine() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(end);
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
