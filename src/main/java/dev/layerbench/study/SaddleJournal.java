package dev.layerbench.study;

import dev.layerbench.results.Journal;
import dev.layerbench.results.JournalFile;
import dev.layerbench.results.SaddleRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saddle measurement's rows as they finish, in {@code saddle.jsonl} beside the study's {@code runs.jsonl}:
 * its own file, so that a study journal written before the measurement existed still resumes, and then measures
 * the saddle too. A resumed study skips every journaled row, as it does the grid's runs.
 */
public final class SaddleJournal extends Journal {
    public static final String FILE_NAME = "saddle.jsonl";
    static final String KIND = "saddle-journal";
    static final int SCHEMA_VERSION = 1;

    private SaddleJournal(JournalFile lines) {
        super(lines);
    }

    /** The saddle journal that belongs with the study journal {@code studyJournal}. */
    public static Path besides(Path studyJournal) {
        return studyJournal.resolveSibling(FILE_NAME);
    }

    /** The journal in {@code file} to append to, created with {@code grid} as its header if it is not there. */
    public static SaddleJournal openOrCreate(Path file, Map<String, Object> grid) {
        return new SaddleJournal(Files.exists(file) ? JournalFile.openToAppend(file, KIND, SCHEMA_VERSION)
                : JournalFile.create(file, KIND, SCHEMA_VERSION, grid, "layerbench study"));
    }

    /** The journal in {@code file}, only to read. */
    public static SaddleJournal read(Path file) {
        return new SaddleJournal(JournalFile.read(file, KIND, SCHEMA_VERSION));
    }

    /** The rows after the header; one that lacks what layerbench writes is bad input naming its line. */
    public List<SaddleRow> rows() {
        return lines.entries(SaddleRow.class, "a saddle row", SaddleRow::lacks);
    }

    /** The journaled rows by {@link SaddleStudy#key}, to skip and to read the softmax-regression level from. */
    public Map<String, SaddleRow> done() {
        Map<String, SaddleRow> done = new LinkedHashMap<>();
        rows().forEach(r -> done.put(SaddleStudy.key(r), r));
        return done;
    }

    public void append(SaddleRow row) {
        lines.append(row);
    }
}
