package dev.layerbench.study;

import dev.layerbench.report.Journal;
import dev.layerbench.report.JournalFile;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study's runs as they finish, one {@link JournalFile} line each after a header that records the grid: a study
 * killed at any moment loses at most the run in flight, and every journaled run is never done twice.
 */
public final class StudyJournal extends Journal {
    public static final String FILE_NAME = "runs.jsonl";
    static final String KIND = "study-journal";
    static final int SCHEMA_VERSION = 1;

    /** One finished run: its row and its curves. */
    public record Entry(StudyRow row, List<CurvePoint> curves) {
        String key() {
            return StudyJournal.key(row.scenario(), row.init(), row.hidden(), row.activation(), row.dtype(),
                    row.backend());
        }
    }

    private StudyJournal(JournalFile lines) {
        super(lines);
    }

    /** A new journal for {@code grid}; an error if one is already there (that is what --resume is for). */
    public static StudyJournal create(Path file, Map<String, Object> grid) {
        return new StudyJournal(JournalFile.create(file, KIND, SCHEMA_VERSION, grid, "layerbench study"));
    }

    /** The journal in {@code file}, ready to append to. */
    public static StudyJournal open(Path file) {
        return new StudyJournal(JournalFile.openToAppend(file, KIND, SCHEMA_VERSION));
    }

    public List<Entry> entries() {
        return lines.entries(Entry.class, "a study run");
    }

    /** Keys of the runs already done, to skip. */
    public Set<String> doneKeys() {
        Set<String> keys = new HashSet<>();
        entries().forEach(e -> keys.add(e.key()));
        return keys;
    }

    public void append(StudyRow row, List<CurvePoint> curves) {
        lines.append(new Entry(row, curves));
    }

    static String key(String scenario, String init, int hidden, String activation, String dtype, String backend) {
        return String.join("|", scenario, init, Integer.toString(hidden), activation, dtype, backend);
    }
}
