package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.layerbench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An append-only file of JSON lines — a header naming its kind, schema version and the grid it was started for,
 * then one line per finished piece of work, each appended whole and forced to disk before the next begins.
 * A process killed at any moment loses at most the line in flight: a last line without its newline is not read,
 * and is cut off before anything is appended after it. This is how {@code bench} and {@code study} keep every
 * finished row through {@code kill -9}, and what their {@code --resume} reads.
 */
public final class JournalFile {
    private static final ObjectMapper LINES = Json.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    /** The header's grid, read once: the header never changes after the first line is written. */
    private final JsonNode grid;

    private JournalFile(Path file, JsonNode grid) {
        this.file = file;
        this.grid = grid;
    }

    /**
     * A new journal holding only its header; an error if {@code file} exists, because continuing a journal is
     * what {@code --resume} is for and starting it over would lose its rows.
     */
    public static JournalFile create(Path file, String kind, int schemaVersion, Map<String, Object> grid,
                                     String command) {
        if (Files.exists(file)) {
            throw new BadInputException(file.getParent() + " already holds a journal (" + file.getFileName()
                    + "): continue it with '" + command + " --resume " + file.getParent()
                    + "', or choose another --out");
        }
        JournalFile journal = new JournalFile(file, LINES.valueToTree(grid));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kind", kind);
        header.put("schemaVersion", schemaVersion);
        header.put("grid", grid);
        journal.append(header);
        return journal;
    }

    /** The journal in {@code file}, checked, to read; nothing in the file is changed. */
    public static JournalFile read(Path file, String kind, int schemaVersion) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " does not exist: --resume needs a folder that a run with --out "
                    + "was writing to");
        }
        return new JournalFile(file, checkedGrid(file, kind, schemaVersion));
    }

    /** The journal in {@code file}, checked, to append to: a line cut short by a kill is removed first. */
    public static JournalFile openToAppend(Path file, String kind, int schemaVersion) {
        JournalFile journal = read(file, kind, schemaVersion);
        journal.dropIncompleteLastLine();
        return journal;
    }

    public Path file() {
        return file;
    }

    /** The grid recorded in the header. */
    public JsonNode grid() {
        return grid;
    }

    /**
     * Every line after the header, bound to {@code type}; a line that does not bind, or that {@code lacks} finds
     * incomplete (what it lacks, or null), is bad input naming its number — a journal comes from disk.
     */
    public <T> List<T> entries(Class<T> type, String what, Function<T, String> lacks) {
        List<String> lines = completeLines(file);
        List<T> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            T entry;
            try {
                entry = Json.mapper().readValue(lines.get(i), type);
            } catch (IOException e) {
                throw new BadInputException(file + " line " + (i + 1) + " is not " + what + ": "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            String missing = entry == null ? "everything (it is null)" : lacks.apply(entry);
            if (missing != null) {
                throw new BadInputException(file + " line " + (i + 1) + " lacks " + missing);
            }
            entries.add(entry);
        }
        return entries;
    }

    /** How many entries follow the header, counted without reading them. */
    public int size() {
        return Math.max(0, completeLines(file).size() - 1);
    }

    /** Appends {@code value} as one line and forces it to disk before returning. */
    public synchronized void append(Object value) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap((LINES.writeValueAsString(value) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Claims the journal for this process until the returned lock is closed, so that two runs resuming the same
     * folder cannot both append the rows they find missing. Advisory: the child JVMs this process starts append
     * without asking.
     */
    public AutoCloseable claim() {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new BadInputException(file + " is in use by another layerbench run; wait for it to end");
            }
            return channel::close;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode checkedGrid(Path file, String kind, int schemaVersion) {
        List<String> lines = completeLines(file);
        JsonNode header;
        try {
            header = lines.isEmpty() ? null : Json.mapper().readTree(lines.get(0));
        } catch (IOException e) {
            throw new BadInputException(file + " line 1 is not a header: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (header == null || !kind.equals(header.path("kind").asText())
                || header.path("schemaVersion").asInt() != schemaVersion || !header.path("grid").isObject()) {
            throw new BadInputException(file + " is not a " + kind + " of schema version " + schemaVersion);
        }
        return header.get("grid");
    }

    /** The lines that end with a newline: a kill can leave the last one without, and it is no finished work. */
    private static List<String> completeLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), e);
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : Arrays.asList(text.substring(0, end).split("\n", -1));
    }

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
