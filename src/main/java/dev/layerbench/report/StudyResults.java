package dev.layerbench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.layerbench.BadInputException;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultJson;
import dev.layerbench.results.SaddleResult;
import dev.layerbench.results.SaddleRow;
import dev.layerbench.results.StudyResult;
import dev.layerbench.study.SaddleJournal;
import dev.layerbench.study.StudyJournal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@code layerbench study --out DIR} folder back for the report: {@code study.json} as a
 * {@link StudyResult} and {@code curves.csv} as {@link CurvePoint}s, columns found by header name.
 *
 * <p>Like {@link TimingResults}, each way a file can be wrong is refused with one {@link BadInputException}
 * naming the file (and for the CSV the line), never a parser's stack trace. Empty CSV cells are what the writer
 * ({@link StudyTables#curves}) leaves for "not measured": NaN for numbers, -1 for a step, 0 for a unit count.
 * A {@code curves.csv} written before runs were repeated over seeds has no {@code seed} column: its points read
 * with seed 0, as its study.json rows do.
 */
public final class StudyResults {
    public static final String FILE_NAME = "study.json";
    public static final String CURVES_FILE_NAME = "curves.csv";

    private static final ObjectReader READER = Json.mapper().readerFor(StudyResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    /** The one column a reader may miss: curves.csv files written before seeds were repeated lack it. */
    private static final String SEED = "seed";
    private static final ObjectReader SADDLE_READER = Json.mapper().readerFor(SaddleResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .build();

    /** A study result with its curves and its saddle measurement (empty when the folder has none). */
    public record Study(Path dir, StudyResult result, List<CurvePoint> curves, List<SaddleRow> saddle) {
    }

    private StudyResults() {
    }

    /** True if {@code dir} holds a study.json or a study's journal (whether or not it is a good one). */
    public static boolean isStudy(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME)) || Files.isRegularFile(dir.resolve(StudyJournal.FILE_NAME));
    }

    /**
     * {@code dir/study.json} and {@code dir/curves.csv}, checked; a {@link BadInputException} naming the file. A
     * folder whose study never got to write them — stopped, failed, or still running — is read from its journal
     * ({@code runs.jsonl}) instead, as a {@linkplain StudyResult#partial() partial} result.
     */
    public static Study read(Path dir) {
        if (!Files.exists(dir.resolve(FILE_NAME)) && Files.isRegularFile(dir.resolve(StudyJournal.FILE_NAME))) {
            StudyJournal journal = StudyJournal.read(dir.resolve(StudyJournal.FILE_NAME));
            List<StudyJournal.Entry> entries = journal.entries();
            Path saddleJournal = dir.resolve(SaddleJournal.FILE_NAME);
            return new Study(dir, journal.result(entries), StudyJournal.curves(entries),
                    Files.isRegularFile(saddleJournal) ? SaddleJournal.read(saddleJournal).rows() : List.of());
        }
        JsonNode root = ResultJson.read(dir, FILE_NAME, "study", StudyResult.SCHEMA_VERSION, "layerbench study --out");
        Path file = dir.resolve(FILE_NAME);
        StudyResult result = ResultJson.bind(READER, root, file, "a study result");
        for (int i = 0; i < result.rows().size(); i++) {
            var row = result.rows().get(i);
            if (row == null) {
                throw new BadInputException(file + ": rows[" + i + "] is null, not an object");
            }
            if (row.scenario() == null || row.init() == null || row.activation() == null || row.dtype() == null
                    || row.backend() == null || row.verdict() == null) {
                throw new BadInputException(file + ": rows[" + i + "] lacks scenario, init, activation, "
                        + "dtype, backend or a known verdict");
            }
        }
        Path curves = dir.resolve(CURVES_FILE_NAME);
        if (!Files.isRegularFile(curves)) {
            throw new BadInputException(curves + " does not exist; a study folder holds study.json and curves.csv");
        }
        return new Study(dir, result, readCurves(curves), readSaddle(dir));
    }

    /**
     * {@code dir/saddle.json}, checked, or no rows where a study wrote none (its scenarios left out the balanced
     * one, or it predates the measurement).
     */
    private static List<SaddleRow> readSaddle(Path dir) {
        if (!Files.exists(dir.resolve(SaddleResult.FILE_NAME))) {
            return List.of();
        }
        Path file = dir.resolve(SaddleResult.FILE_NAME);
        JsonNode root = ResultJson.read(dir, SaddleResult.FILE_NAME, SaddleResult.KIND, SaddleResult.SCHEMA_VERSION,
                "layerbench study --out");
        SaddleResult result = ResultJson.bind(SADDLE_READER, root, file, "a saddle result");
        List<SaddleRow> rows = result.rows();
        for (int i = 0; i < rows.size(); i++) {
            String missing = rows.get(i) == null ? "everything (it is null)" : rows.get(i).lacks();
            if (missing != null) {
                throw new BadInputException(file + ": rows[" + i + "] lacks " + missing);
            }
        }
        return rows;
    }

    private static List<CurvePoint> readCurves(Path file) {
        List<CurvePoint> points = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = FORMAT.parse(reader)) {
            List<String> missing = StudyTables.CURVE_COLUMNS.stream()
                    .filter(c -> !c.equals(SEED) && !parser.getHeaderNames().contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException(file + " lacks the column(s) " + String.join(", ", missing));
            }
            for (CSVRecord r : parser) {
                points.add(point(file, r));
            }
        } catch (UncheckedIOException e) {
            throw new BadInputException(file + " is malformed: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read: " + e.getMessage(), e);
        }
        return points;
    }

    private static CurvePoint point(Path file, CSVRecord r) {
        if (!r.isConsistent()) {
            throw new BadInputException(file + " line " + (r.getRecordNumber() + 1) + " has " + r.size()
                    + " cells, the header has " + r.getParser().getHeaderNames().size());
        }
        return new CurvePoint(r.get("scenario"), r.get("init"), whole(file, r, "hidden", 0),
                r.get("activation"), r.get("dtype"), r.get("backend"), r.isMapped(SEED) ? seed(file, r) : 0,
                r.get("kind"), whole(file, r, "epoch", -1),
                whole(file, r, "step", -1), real(file, r, "train_loss"), real(file, r, "test_loss"),
                real(file, r, "train_accuracy"), real(file, r, "test_accuracy"), real(file, r, "balanced_accuracy"),
                real(file, r, "macro_f1"), real(file, r, "roc_auc"), real(file, r, "majority_baseline"),
                real(file, r, "spread"), whole(file, r, "distinct_units", 0), real(file, r, "sigma2_over_sigma1"),
                real(file, r, "entropy_rank"), real(file, r, "grad_norm_w1"), real(file, r, "grad_norm_b1"),
                real(file, r, "grad_norm_w2"), real(file, r, "grad_norm_b2"));
    }

    private static long seed(Path file, CSVRecord r) {
        String cell = r.get(SEED).trim();
        try {
            return Long.parseLong(cell);
        } catch (NumberFormatException e) {
            throw bad(file, r, SEED, cell, "whole number");
        }
    }

    private static int whole(Path file, CSVRecord r, String column, int empty) {
        String cell = r.get(column).trim();
        try {
            return cell.isEmpty() ? empty : Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw bad(file, r, column, cell, "whole number");
        }
    }

    private static double real(Path file, CSVRecord r, String column) {
        String cell = r.get(column).trim();
        try {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw bad(file, r, column, cell, "number");
        }
    }

    private static BadInputException bad(Path file, CSVRecord r, String column, String cell, String what) {
        return new BadInputException(file + " line " + (r.getRecordNumber() + 1) + ", column " + column + ": '"
                + cell + "' is not a " + what);
    }
}
