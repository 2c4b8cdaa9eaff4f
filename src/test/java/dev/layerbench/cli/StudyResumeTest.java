package dev.layerbench.cli;

import dev.layerbench.results.SaddleTable;
import dev.layerbench.study.SaddleJournal;
import dev.layerbench.study.SaddleStudy;
import dev.layerbench.study.StudyJournal;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 in the middle of a study, then --resume: every run exactly once, nothing lost that had finished. */
class StudyResumeTest {
    @TempDir
    Path dir;

    @Test
    void aKilledStudyResumesWithoutLosingOrRepeatingARun() throws Exception {
        Path journal = dir.resolve(StudyJournal.FILE_NAME);
        CliProcess study = CliProcess.startWithOwnTemporaryFolder(dir.resolve("stderr"), "study", "--preset",
                "smoke", "--out", dir.toString());
        study.awaitJournalLines(journal, 1 + 4);
        study.killHard();
        int finishedAtKill = CliProcess.completeLines(journal) - 1;
        int total = StudyRunner.runCount(StudyPreset.SMOKE, StudyPreset.SMOKE.scenarios(),
                StudyPreset.SMOKE.seeds());
        assertTrue(finishedAtKill >= 4 && finishedAtKill < total, finishedAtKill + " of " + total + " at the kill");
        // what a kill in the middle of a write leaves: a line without its end
        Files.writeString(journal, "{\"row\":{\"scenario\":\"bal", StandardOpenOption.APPEND);
        Path page = dir.resolve("partial.html");
        CliRun report = CliRun.of("report", dir.toString(), "--out", page.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(Files.readString(page).contains("<strong>Partial:</strong> the study did not finish"),
                "the stopped study is reported, marked partial");

        CliRun resumed = CliRun.of("study", "--resume", dir.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains(finishedAtKill + " already done"), resumed.out());
        List<String> runs = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertEquals(1 + total, runs.size(), "header and every run once");
        Set<String> keys = new HashSet<>();
        for (String line : runs.subList(1, runs.size())) {
            // the row's fields up to its accuracies: cell, backend and seed
            String key = line.substring(0, line.indexOf("\"trainAccuracy\""));
            assertTrue(keys.add(key), "run written twice: " + key);
        }
        assertEquals(1 + total, Files.readAllLines(dir.resolve("accuracy.csv")).size());
    }

    @Test
    void aStudyKilledDuringTheSaddleMeasurementResumesItWithoutRepeatingARow() throws Exception {
        Path saddle = dir.resolve(SaddleJournal.FILE_NAME);
        CliProcess study = CliProcess.startWithOwnTemporaryFolder(dir.resolve("stderr"), "study", "--preset",
                "smoke", "--out", dir.toString());
        study.awaitJournalLines(saddle, 1 + 3);
        study.killHard();
        int finishedAtKill = CliProcess.completeLines(saddle) - 1;
        int total = SaddleStudy.runCount(StudyPreset.SMOKE, StudyPreset.SMOKE.scenarios());
        assertTrue(finishedAtKill >= 3 && finishedAtKill < total, finishedAtKill + " of " + total + " at the kill");

        CliRun resumed = CliRun.of("study", "--resume", dir.toString());

        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> rows = Files.readAllLines(saddle, StandardCharsets.UTF_8);
        assertEquals(1 + total, rows.size(), "header and every saddle row once");
        assertEquals(total, new HashSet<>(rows.subList(1, rows.size())).size(), "no row written twice");
        assertEquals(1 + total, Files.readAllLines(dir.resolve(SaddleTable.FILE_NAME)).size());
    }

    @Test
    void aFinishedOrForeignFolderIsNotSilentlyOverwritten() throws Exception {
        assertEquals(0, CliRun.of("study", "--preset", "smoke", "--scenarios", "tiny-50", "--out", dir.toString())
                .exitCode());
        CliRun again = CliRun.of("study", "--preset", "smoke", "--out", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, again.exitCode());
        assertTrue(again.err().contains("--resume"), again.err());

        CliRun conflicting = CliRun.of("study", "--resume", dir.toString(), "--preset", "quick");
        assertEquals(ExitCode.BAD_INPUT, conflicting.exitCode());
        assertTrue(conflicting.err().contains("drop the flags that differ: --preset"), conflicting.err());

        CliRun otherSeeds = CliRun.of("study", "--resume", dir.toString(), "--seeds", "5");
        assertEquals(ExitCode.BAD_INPUT, otherSeeds.exitCode());
        assertTrue(otherSeeds.err().contains("--seeds 2") && otherSeeds.err().contains("differ: --seeds"),
                "the journal records the seeds a resumed study keeps: " + otherSeeds.err());
    }
}
