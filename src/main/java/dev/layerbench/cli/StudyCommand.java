package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.bench.BackendAvailability;
import dev.layerbench.bench.ChildProcess;
import dev.layerbench.report.SaddleFigure;
import dev.layerbench.report.SaddleMarkdown;
import dev.layerbench.report.StudyMarkdown;
import dev.layerbench.report.StudyTables;
import dev.layerbench.results.CurvePoint;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultDirectory;
import dev.layerbench.results.SaddleResult;
import dev.layerbench.results.SaddleRow;
import dev.layerbench.results.SaddleTable;
import dev.layerbench.results.StudyResult;
import dev.layerbench.results.StudyRow;
import dev.layerbench.study.SaddleJournal;
import dev.layerbench.study.SaddleStudy;
import dev.layerbench.study.Scenario;
import dev.layerbench.study.StudyJournal;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code layerbench study}: the initialisation grid on every scenario, with verdicts and tables. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Which inits, depths, activations and dtypes learn, stall or stay symmetric, per scenario.")
final class StudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "P",
            description = "smoke, quick (minutes) or full (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--scenarios", paramLabel = "S,...",
            description = "balanced, imbalanced-92-8, label-noise-20, tiny-50, leaked-feature, fashion-mnist "
                    + "(default: the preset's).")
    String scenarios;

    @Option(names = "--backends", defaultValue = "cpu", paramLabel = "B,...",
            description = "ND4J CPU builds to run the grid on: cpu, cpu-avx2, cpu-avx512, cpu-onednn, "
                    + "cpu-onednn-avx2 (default ${DEFAULT-VALUE}).")
    String backends;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "The first seed; seed i of a cell is S + i (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Runs per cell, each with its own data, init and shuffle seeds (default: the preset's, "
                    + "smoke 2, quick 3, full 10).")
    Integer seeds;

    @Mixin
    JournalOptions output;

    /** The options a journal records and --resume reads back. */
    private static final List<String> JOURNALED = List.of("preset", "scenarios", "backends", "seed", "seeds");
    /** Far beyond what a study needs (full runs 10); a typo such as 300 would take a day on 2 cores. */
    private static final int MAX_SEEDS = 100;

    @Override
    public Integer call() throws Exception {
        ResultDirectory files = output.files();
        StudyJournal resumed = output.resume == null ? null
                : StudyJournal.open(output.resume.resolve(StudyJournal.FILE_NAME));
        if (resumed != null) {
            output.adoptRecordedOptions(command, resumed.grid(), JOURNALED);
        }
        StudyPreset grid = StudyPreset.parse(preset);
        if (seeds == null) {
            seeds = grid.seeds();
        } else if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new BadInputException("--seeds " + seeds + ": must be between 1 and " + MAX_SEEDS);
        }
        List<Scenario> chosen = scenarios == null ? grid.scenarios() : Scenario.parseList(scenarios);
        List<Backend> chosenBackends = Backend.parseList(backends);
        for (Backend backend : chosenBackends) {
            if (backend.engine() != Engine.ND4J) {
                throw new BadInputException("--backends " + backend + ": the study trains layerbench's own ND4J "
                        + "network, so it runs on ND4J builds only");
            }
        }
        Path natives = BenchCommand.nativesDirectory();
        for (Backend backend : chosenBackends) {
            BackendAvailability.problem(backend, natives).ifPresent(problem -> {
                throw new BadInputException("--backends " + backend + " cannot run here: " + problem);
            });
        }

        StudyJournal journal = resumed != null ? resumed : newJournal(grid, chosen, chosenBackends);
        Path saddleJournal = SaddleJournal.besides(journal.file());
        int done = journal.size() + (Files.exists(saddleJournal) ? SaddleJournal.read(saddleJournal).size() : 0);
        PrintWriter stdout = command.commandLine().getOut();
        int runs = StudyRunner.runCount(grid, chosen, seeds);
        stdout.printf("training %d networks per backend on %s (preset %s, %d seeds per cell)%s%n", runs,
                chosenBackends, grid, seeds, done == 0 ? "" : ", " + done + " already done");
        stdout.flush();
        List<String> skipped = new ArrayList<>();
        int total = runs * chosenBackends.size();
        int saddleTotal = SaddleStudy.runCount(grid, chosen) * chosenBackends.size();
        try (AutoCloseable claim = journal.claim();
             ProgressLines progress = new ProgressLines("study", total + saddleTotal - done,
                     command.commandLine().getErr())) {
            ResumeHint hint = new ResumeHint("layerbench study", journal.file(), journal::size,
                    total, command.commandLine().getErr());
            for (Backend backend : chosenBackends) {
                StudyRunner.Outcome outcome = runChild(backend, grid, chosen, natives, journal.file(), progress);
                outcome.skipped().stream().filter(s -> !skipped.contains(s)).forEach(skipped::add);
            }
            hint.finished();
        }
        List<StudyJournal.Entry> entries = journal.entries();
        List<StudyRow> rows = entries.stream().map(StudyJournal.Entry::row).toList();
        List<CurvePoint> curves = StudyJournal.curves(entries);
        String backendLabels = chosenBackends.stream().map(Backend::label).collect(Collectors.joining(","));
        List<SaddleRow> saddle = SaddleStudy.included(chosen) ? SaddleJournal.read(saddleJournal).rows() : List.of();
        String markdown = StudyMarkdown.of(grid.label(), backendLabels, skipped, rows) + SaddleMarkdown.of(saddle);
        stdout.print(markdown);
        if (files != null) {
            StudyResult result = new StudyResult(StudyResult.SCHEMA_VERSION, "study", Instant.now().toString(),
                    config(grid, chosen, chosenBackends), skipped, EnvironmentProbe.capture(), rows, false);
            Map<String, String> written = new LinkedHashMap<>(Map.of("accuracy.csv", StudyTables.accuracy(rows),
                    "curves.csv", StudyTables.curves(curves), "study.json", Json.write(result), "study.md", markdown));
            if (!saddle.isEmpty()) {
                written.putAll(Map.of(SaddleTable.FILE_NAME, SaddleTable.csv(saddle), SaddleResult.FILE_NAME,
                        Json.write(new SaddleResult(SaddleResult.SCHEMA_VERSION, SaddleResult.KIND,
                                Instant.now().toString(), SaddleStudy.config(grid, seed), result.environment(),
                                saddle)), SaddleFigure.FILE_NAME, SaddleFigure.svg(saddle)));
            }
            files.write(written);
            stdout.println("wrote " + files.file("accuracy.csv") + ", curves.csv, study.json and study.md"
                    + (saddle.isEmpty() ? "" : ", saddle.csv, saddle.json and saddle.svg"));
        }
        stdout.flush();
        return ExitCode.OK;
    }

    /** A fresh journal for this study, in --out or else a temporary folder. */
    private StudyJournal newJournal(StudyPreset grid, List<Scenario> chosen, List<Backend> chosenBackends)
            throws IOException {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("preset", grid.label());
        recorded.put("scenarios", chosen.stream().map(Scenario::label).toList());
        recorded.put("backends", chosenBackends.stream().map(Backend::label).toList());
        recorded.put("seed", seed);
        recorded.put("seeds", seeds);
        recorded.put("config", config(grid, chosen, chosenBackends));
        recorded.put("environment", EnvironmentProbe.capture());
        return StudyJournal.create(output.newJournalDirectory("study").resolve(StudyJournal.FILE_NAME), recorded);
    }

    private StudyRunner.Outcome runChild(Backend backend, StudyPreset grid, List<Scenario> chosen, Path natives,
                                         Path journal, ProgressLines progress) {
        List<String> arguments = List.of("study-child", "--preset", grid.label(), "--scenarios",
                chosen.stream().map(Scenario::label).collect(Collectors.joining(",")), "--seed",
                Long.toString(seed), "--seeds", Integer.toString(seeds), "--journal", journal.toString());
        StudyRunner.Outcome outcome = ChildProcess.run(backend, natives, 1, arguments, StudyRunner.Outcome.class,
                line -> progress.step(backend.label() + " " + line.replace('_', ' ')));
        if (!outcome.backend().equals(backend.label())) {
            throw new IllegalStateException("the JVM started for " + backend + " ran on " + outcome.backend()
                    + "; refusing to label its rows");
        }
        return outcome;
    }

    private Map<String, Object> config(StudyPreset grid, List<Scenario> chosen, List<Backend> chosenBackends) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("preset", grid.label());
        config.put("scenarios", chosen.stream().map(Scenario::label).toList());
        config.put("backends", chosenBackends.stream().map(Backend::label).toList());
        config.put("inits", grid.inits());
        config.put("hidden", grid.hidden());
        config.put("activations", grid.activations());
        config.put("dtypes", grid.dtypes());
        config.put("epochs", grid.epochs());
        config.put("batch", StudyPreset.BATCH);
        config.put("optimizer", "sgd");
        config.put("learningRate", StudyPreset.LEARNING_RATE);
        config.put("biasInit", "zero");
        config.put("traceEverySteps", grid.traceEvery());
        config.put("fashionFraction", grid.fashionFraction());
        config.put("seed", seed);
        config.put("seeds", seeds);
        config.put("seedRule", "seed i of a cell expands --seed + i (i = 0 .. seeds - 1) into data, init and "
                + "shuffle seeds");
        return config;
    }
}
