package dev.layerbench.cli;

import dev.layerbench.bench.ChildProcess;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import dev.layerbench.study.SaddleJournal;
import dev.layerbench.study.SaddleStudy;
import dev.layerbench.study.Scenario;
import dev.layerbench.study.StudyJournal;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The JVM {@code study} starts for one backend; not for people, hence hidden. */
@Command(name = "study-child", hidden = true, description = "Run a study grid on this JVM's backend.")
final class StudyChildCommand implements Callable<Integer> {
    @Option(names = "--preset", required = true)
    String preset;

    @Option(names = "--scenarios", required = true)
    String scenarios;

    @Option(names = "--seed", required = true)
    long seed;

    @Option(names = "--seeds", required = true)
    int seeds;

    @Option(names = "--report", required = true)
    Path report;

    @Option(names = "--journal", required = true)
    Path journalFile;

    @Override
    public Integer call() {
        ParentWatch.exitWhenParentDies(report);
        StudyJournal journal = StudyJournal.open(journalFile);
        StudyPreset grid = StudyPreset.parse(preset);
        List<Scenario> chosen = Scenario.parseList(scenarios);
        StudyRunner.Outcome outcome = StudyRunner.run(grid, chosen, seed, seeds, journal.doneKeys(), (row, curves) -> {
            journal.append(row, curves);
            System.out.printf(Locale.US, "%s%s_%s_h%d_%s_%s_seed%d %s %.4f%n", ChildProcess.PROGRESS,
                    row.scenario(), row.init(), row.hidden(), row.activation(), row.dtype(), row.seed(),
                    row.verdict(), row.testAccuracy());
            System.out.flush();
        });
        if (SaddleStudy.included(chosen)) {
            SaddleJournal saddle = SaddleJournal.openOrCreate(SaddleJournal.besides(journalFile),
                    SaddleStudy.config(grid, seed));
            SaddleStudy.run(grid, chosen, seed, saddle.done(), row -> {
                saddle.append(row);
                System.out.printf(Locale.US, "%ssaddle_%s_%s_h%d_%s left_after %s%n", ChildProcess.PROGRESS,
                        row.init(), row.activation(), row.hidden(), row.dtype(), row.stepsToLeave() < 0 ? "never"
                                : Integer.toString(row.stepsToLeave()));
                System.out.flush();
            });
        }
        AtomicFiles.write(report, Json.write(outcome));
        return ExitCode.OK;
    }
}
