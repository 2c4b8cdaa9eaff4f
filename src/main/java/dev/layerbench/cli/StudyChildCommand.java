package dev.layerbench.cli;

import dev.layerbench.bench.ChildProcess;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import dev.layerbench.study.Scenario;
import dev.layerbench.study.StudyJournal;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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
        ParentWatch.exitWhenParentDies();
        StudyJournal journal = StudyJournal.open(journalFile);
        StudyRunner.Outcome outcome = StudyRunner.run(StudyPreset.parse(preset), Scenario.parseList(scenarios), seed,
                seeds, journal.doneKeys(), (row, curves) -> {
                    journal.append(row, curves);
                    System.out.printf(Locale.US, "%s%s_%s_h%d_%s_%s_seed%d %s %.4f%n", ChildProcess.PROGRESS,
                            row.scenario(), row.init(), row.hidden(), row.activation(), row.dtype(), row.seed(),
                            row.verdict(), row.testAccuracy());
                    System.out.flush();
                });
        AtomicFiles.write(report, Json.write(outcome));
        return ExitCode.OK;
    }
}
