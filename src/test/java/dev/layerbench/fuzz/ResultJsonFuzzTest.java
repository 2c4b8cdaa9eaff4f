package dev.layerbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerbench.BadInputException;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.report.HtmlReport;
import dev.layerbench.report.ReportInput;
import dev.layerbench.report.StudyResults;
import dev.layerbench.report.TimingResults;
import dev.layerbench.study.StudyJournal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The result-folder readers of {@code layerbench report} and {@code compare} on arbitrary bytes: as the
 * {@code timing.json} of a bench folder, and as the {@code study.json} of a study folder whose {@code curves.csv}
 * is a valid excerpt of a real one, and as the {@code timing.jsonl} journal of a bench that did not finish (read
 * by {@code --resume}, {@code compare} and {@code report}), and likewise as the {@code runs.jsonl} of a study that did
 * not finish. Only {@link BadInputException} may escape.
 */
class ResultJsonFuzzTest {
    @TempDir
    static Path dir;
    private static Path benchDir;
    private static Path studyDir;
    private static Path journalDir;
    private static Path studyJournalDir;

    @BeforeAll
    static void makeFolders() throws IOException {
        benchDir = Files.createDirectory(dir.resolve("bench"));
        studyDir = Files.createDirectory(dir.resolve("study"));
        journalDir = Files.createDirectory(dir.resolve("journal"));
        studyJournalDir = Files.createDirectory(dir.resolve("study-journal"));
        FuzzInput.write(studyDir.resolve(StudyResults.CURVES_FILE_NAME), FuzzInput.resource("curves.csv"));
    }

    @FuzzTest(maxDuration = "10s")
    void timing(byte[] data) {
        FuzzInput.write(benchDir.resolve(TimingResults.FILE_NAME), data);
        try {
            TimingResults.read(benchDir);
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }

    @FuzzTest(maxDuration = "10s")
    void study(byte[] data) {
        FuzzInput.write(studyDir.resolve(StudyResults.FILE_NAME), data);
        try {
            StudyResults.read(studyDir);
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }

    @FuzzTest(maxDuration = "10s")
    void journal(byte[] data) {
        FuzzInput.write(journalDir.resolve(BenchJournal.FILE_NAME), data);
        try {
            TimingResults.read(journalDir);
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }

    @FuzzTest(maxDuration = "10s")
    void studyJournal(byte[] data) {
        FuzzInput.write(studyJournalDir.resolve(StudyJournal.FILE_NAME), data);
        try {
            HtmlReport.render(List.of(ReportInput.read(studyJournalDir)), "");
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }
}
