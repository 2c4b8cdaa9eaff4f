package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * What the journals of {@code bench} and {@code study} have in common — a {@link JournalFile}, the grid its header
 * recorded, and the claim a run holds on it while it appends; each subclass knows its own kind of line.
 */
public abstract class Journal {
    protected final JournalFile lines;

    protected Journal(JournalFile lines) {
        this.lines = lines;
    }

    /** The grid recorded in the header: the options {@code --resume} reads back. */
    public JsonNode grid() {
        return lines.grid();
    }

    /** See {@link JournalFile#size()}. */
    public int size() {
        return lines.size();
    }

    /** See {@link JournalFile#claim()}. */
    public AutoCloseable claim() {
        return lines.claim();
    }

    public Path file() {
        return lines.file();
    }
}
