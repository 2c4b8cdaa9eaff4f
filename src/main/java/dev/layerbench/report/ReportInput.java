package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.results.TimingResult;

import java.nio.file.Files;
import java.nio.file.Path;

/** One folder given to {@code layerbench report}: a bench result (timing.json) or a study result (study.json). */
public sealed interface ReportInput {
    Path dir();

    record Bench(Path dir, TimingResult result) implements ReportInput {
    }

    record Study(Path dir, StudyResults.Study study) implements ReportInput {
    }

    /** Reads {@code dir} as whichever kind of result it holds; a {@link BadInputException} if it holds neither. */
    static ReportInput read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("result folder " + dir + (Files.exists(dir) ? " is a file, not a folder"
                    : " does not exist"));
        }
        if (TimingResults.isBench(dir)) {
            return new Bench(dir, TimingResults.read(dir));
        }
        if (StudyResults.isStudy(dir)) {
            return new Study(dir, StudyResults.read(dir));
        }
        throw new BadInputException(dir + " holds neither " + TimingResults.FILE_NAME + " nor "
                + BenchJournal.FILE_NAME + " (a 'layerbench bench' result, finished or not) nor " + StudyResults.FILE_NAME + " (a 'layerbench study' result)");
    }
}
