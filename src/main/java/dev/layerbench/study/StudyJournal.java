package dev.layerbench.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Environment;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.Journal;
import dev.layerbench.results.JournalFile;
import dev.layerbench.results.Json;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.StudyRow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    /** 2: rows and curve points carry their seed, a run's key includes it, the header records {@code seeds}. */
    static final int SCHEMA_VERSION = 2;

    /** One finished run: its row and its curves. */
    public record Entry(StudyRow row, List<CurvePoint> curves) {
        String key() {
            return StudyJournal.key(row.scenario(), row.init(), row.hidden(), row.activation(), row.dtype(),
                    row.backend(), row.seed());
        }

        /** What a line layerbench wrote would have and this one lacks, or null: journals come from disk. */
        String lacks() {
            if (row == null || row.scenario() == null || row.init() == null || row.activation() == null
                    || row.dtype() == null || row.backend() == null || row.verdict() == null) {
                return "a row's scenario, init, activation, dtype, backend or verdict";
            }
            return curves != null && curves.stream().allMatch(StudyJournal::whole) ? null
                    : "its curves, or a curve point's scenario, init, activation, dtype, backend or kind";
        }
    }

    private StudyJournal(JournalFile lines) {
        super(lines);
    }

    /** A new journal for {@code grid}; an error if one is already there (that is what --resume is for). */
    public static StudyJournal create(Path file, Map<String, Object> grid) {
        return new StudyJournal(JournalFile.create(file, KIND, SCHEMA_VERSION, grid, "layerbench study"));
    }

    /** The journal in {@code file}, only to read. */
    public static StudyJournal read(Path file) {
        return new StudyJournal(JournalFile.read(file, KIND, SCHEMA_VERSION));
    }

    /** The journal in {@code file}, ready to append to. */
    public static StudyJournal open(Path file) {
        return new StudyJournal(JournalFile.openToAppend(file, KIND, SCHEMA_VERSION));
    }

    /** The runs after the header; one that lacks what layerbench writes is bad input naming its line. */
    public List<Entry> entries() {
        return lines.entries(Entry.class, "a study run", Entry::lacks);
    }

    /** Keys of the runs — (cell, seed) pairs — already done, to skip. */
    public Set<String> doneKeys() {
        Set<String> keys = new HashSet<>();
        entries().forEach(e -> keys.add(e.key()));
        return keys;
    }

    public void append(StudyRow row, List<CurvePoint> curves) {
        lines.append(new Entry(row, curves));
    }

    private static boolean whole(CurvePoint p) {
        return p != null && p.scenario() != null && p.init() != null && p.activation() != null && p.dtype() != null
                && p.backend() != null && p.kind() != null;
    }

    /** The runs' curve points, in the order the runs finished. */
    public static List<CurvePoint> curves(List<Entry> entries) {
        return entries.stream().flatMap(e -> e.curves().stream()).toList();
    }

    /**
     * The journaled runs ({@link #entries()}, read once by the caller, who wants their curves too) as a result,
     * with the configuration and environment the header recorded, and whether runs the study planned are missing
     * (stopped before it ended, or still running).
     */
    public StudyResult result(List<Entry> entries) {
        JsonNode grid = grid();
        List<StudyRow> rows = entries.stream().map(Entry::row).toList();
        Environment environment;
        try {
            environment = grid.hasNonNull("environment")
                    ? Json.mapper().treeToValue(grid.get("environment"), Environment.class) : null;
        } catch (IOException e) {
            throw new BadInputException(file() + ": its header's environment is damaged: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return new StudyResult(StudyResult.SCHEMA_VERSION, "study", Instant.now().toString(), grid.get("config"),
                List.of(), environment, rows, rows.size() < plannedRuns(grid));
    }

    /** Runs the recorded grid trains: its preset's grid on its scenarios, once per seed and backend. */
    private int plannedRuns(JsonNode grid) {
        List<Scenario> scenarios = new ArrayList<>();
        grid.path("scenarios").forEach(s -> scenarios.addAll(Scenario.parseList(s.asText())));
        return StudyRunner.runCount(StudyPreset.parse(grid.path("preset").asText()), scenarios,
                grid.path("seeds").asInt()) * grid.path("backends").size();
    }

    static String key(String scenario, String init, int hidden, String activation, String dtype, String backend,
                      long seed) {
        return String.join("|", scenario, init, Integer.toString(hidden), activation, dtype, backend,
                Long.toString(seed));
    }
}
