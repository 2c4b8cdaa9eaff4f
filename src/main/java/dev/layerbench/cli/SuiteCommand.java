package dev.layerbench.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.bench.BackendReport;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.Preset;
import dev.layerbench.bench.ThreadCounts;
import dev.layerbench.report.Headlines;
import dev.layerbench.report.StudyResults;
import dev.layerbench.report.TimingResults;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import dev.layerbench.results.StudyRow;
import dev.layerbench.results.TimingRow;
import dev.layerbench.study.StudyJournal;
import dev.layerbench.study.StudyPreset;
import dev.layerbench.study.StudyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code layerbench suite}: the main job in one command — the environment, {@code doctor}, {@code bench} and
 * {@code study} on every backend that can run here, then the report — into {@code results/<machine>/}, ending
 * with the report's path and three sentences built from the tables. Each stage is the command of the same name,
 * run in this JVM; their tables go to {@code suite.log} in the folder, the suite's progress to the terminal.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The main job: environment, doctor, bench and study, then the report, into results/<machine>/.")
final class SuiteCommand implements Callable<Integer> {
    /** The stages, in order; a stage's estimate is what the progress line says is left. */
    private static final List<String> STAGES = List.of("environment", "doctor", "bench", "study", "report");

    @Spec
    CommandSpec command;

    @Option(names = "--machine", paramLabel = "NAME",
            description = "The results folder's name (default: CPU model, cores, ISA and GPU, e.g. "
                    + "intel-xeon-2core-avx512).")
    String machine;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "Where the machine folder goes (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "P",
            description = "bench and study preset: smoke, quick or full (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--backends", defaultValue = "auto", paramLabel = "auto|B,...",
            description = "auto (default): every backend 'doctor' finds runnable; or a list.")
    String backends;

    @Option(names = "--resume", description = "Continue the suite a stop left in the machine folder.")
    boolean resume;

    /** Prints how to resume the suite if the JVM ends before the suite does; removed once it ends. */
    private Thread hint;

    @Override
    public Integer call() throws Exception {
        Preset benchPreset = Preset.parse(preset);
        StudyPreset studyPreset = StudyPreset.parse(preset);
        Environment environment = EnvironmentProbe.capture();
        Path out = results.resolve(machine != null ? checkedName(machine) : machineId(environment));
        Path bench = out.resolve("bench-" + preset);
        Path study = out.resolve("study-" + preset);
        for (Path dir : List.of(bench, study)) {
            boolean journaled = Files.exists(dir.resolve(BenchJournal.FILE_NAME))
                    || Files.exists(dir.resolve(StudyJournal.FILE_NAME));
            if (journaled && !resume) {
                throw new BadInputException(dir + " already holds a run; continue the suite with 'layerbench suite "
                        + "--resume" + (machine != null ? " --machine " + machine : "") + "' or choose another "
                        + "--machine");
            }
        }
        Files.createDirectories(out);
        PrintWriter err = command.commandLine().getErr();
        Path log = out.resolve("suite.log");
        long started = System.nanoTime();
        String again = "layerbench suite --resume" + (machine != null ? " --machine " + machine : "")
                + (results.equals(Path.of("results")) ? "" : " --results " + results);
        // Ctrl-C or a SIGTERM: bench and study say how to resume themselves; this says how to resume the suite
        hint = new Thread(() -> {
            err.println("layerbench suite: stopped; continue with: " + again);
            err.flush();
        }, "suite-resume-hint");
        Runtime.getRuntime().addShutdownHook(hint);

        progress(err, 0, "environment", "env.json");
        AtomicFiles.write(out.resolve("env.json"), Json.write(environment));

        progress(err, 1, "doctor", "which backends can run here");
        StringWriter doctorOutput = new StringWriter();
        int doctorExit = execute(log, new String[]{"doctor", "--json"}, doctorOutput);
        if (doctorExit != ExitCode.OK) {
            return failed("doctor", doctorExit, log);
        }
        String doctorJson = doctorOutput.toString();
        AtomicFiles.write(out.resolve("doctor.json"), doctorJson);
        List<BackendReport> doctor = Json.mapper().readValue(doctorJson, new TypeReference<>() { });
        List<String> runnable = new ArrayList<>();
        for (BackendReport r : doctor) {
            if (r.runs()) {
                runnable.add(r.backend());
            } else if (Backend.parseList(r.backend()).get(0).gpu()) {
                err.println("layerbench suite: " + r.backend() + " left out: " + r.detail());
            }
        }
        List<String> chosen = backends.equals("auto") ? runnable : Backend.parseList(backends).stream()
                .map(Backend::label).toList();
        List<String> nd4j = chosen.stream().filter(b -> Backend.parseList(b).get(0).engine() == Engine.ND4J)
                .toList();
        double benchSeconds = benchSeconds(benchPreset, chosen);
        double studySeconds = studySeconds(studyPreset, nd4j.size());

        if (!chosen.isEmpty()) {
            progress(err, 2, "bench (" + preset + ", " + String.join(",", chosen) + ")",
                    "about " + minutes(benchSeconds + studySeconds) + " left");
            int exit = journaledStage(log, "bench", bench, BenchJournal.FILE_NAME, chosen);
            if (exit != ExitCode.OK) {
                return failed("bench", exit, log);
            }
        }
        if (!nd4j.isEmpty()) {
            progress(err, 3, "study (" + preset + ", " + String.join(",", nd4j) + ")",
                    "about " + minutes(studySeconds) + " left");
            int exit = journaledStage(log, "study", study, StudyJournal.FILE_NAME, nd4j);
            if (exit != ExitCode.OK) {
                return failed("study", exit, log);
            }
        }
        progress(err, 4, "report", "seconds left");
        List<String> reportArgs = new ArrayList<>(List.of("report"));
        for (Path dir : List.of(bench, study)) {
            if (Files.isDirectory(dir)) {
                reportArgs.add(dir.toString());
            }
        }
        Path report = out.resolve("report.html");
        reportArgs.addAll(List.of("--out", report.toString()));
        int reportExit = stage(log, reportArgs);
        if (reportExit != ExitCode.OK) {
            return failed("report", reportExit, log);
        }

        finished();
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf(Locale.US, "layerbench suite: done in %s; report: %s%n", minutes(seconds(started)), report);
        List<TimingRow> timing = Files.exists(bench.resolve(TimingResults.FILE_NAME))
                ? TimingResults.read(bench).rows() : List.of();
        List<StudyRow> studyRows = Files.exists(study.resolve("study.json"))
                ? StudyResults.read(study).result().rows() : List.of();
        Headlines.of(timing, studyRows).forEach(line -> stdout.println("- " + line));
        stdout.flush();
        return ExitCode.OK;
    }

    /** bench or study into {@code dir}: resumes the journal a stopped suite left there, else starts anew. */
    private int journaledStage(Path log, String command, Path dir, String journal, List<String> backends)
            throws IOException {
        return stage(log, Files.exists(dir.resolve(journal)) ? List.of(command, "--resume", dir.toString())
                : List.of(command, "--preset", preset, "--backends", String.join(",", backends), "--out",
                dir.toString()));
    }

    /** Runs a stage's command in this JVM, its output appended to the log; returns its exit code. */
    private int stage(Path log, List<String> arguments) throws IOException {
        return execute(log, arguments.toArray(String[]::new), new StringWriter());
    }

    private int execute(Path log, String[] arguments, StringWriter output) throws IOException {
        CommandLine cli = Layerbench.commandLine();
        cli.setOut(new PrintWriter(output, true));
        cli.setErr(command.commandLine().getErr());
        int exit = cli.execute(arguments);
        Files.writeString(log, "$ layerbench " + String.join(" ", arguments) + "\n" + output + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return exit;
    }

    /** A stage that failed: one line naming it and its log; the suite exits with the stage's own code. */
    private int failed(String stage, int exit, Path log) {
        finished();
        PrintWriter err = command.commandLine().getErr();
        err.println("layerbench suite: the " + stage + " stage failed (exit " + exit + "); its output is in " + log
                + "; fix what it says, then continue with 'layerbench suite --resume'");
        err.flush();
        return exit;
    }

    private void finished() {
        try {
            Runtime.getRuntime().removeShutdownHook(hint);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hint is on its way, and true
        }
    }

    private static void progress(PrintWriter err, int stage, String what, String left) {
        err.printf(Locale.US, "layerbench suite: [%d/%d] %s — %s%n", stage + 1, STAGES.size(), what, left);
        err.flush();
    }

    /**
     * What bench will take: every benchmark's forks of warm-up plus measurement, and a JVM start (about 2 s
     * here) per child. Adaptive extra forks make it longer for noisy rows.
     */
    static double benchSeconds(Preset preset, List<String> backends) {
        if (backends.isEmpty()) {
            return 0;
        }
        var m = preset.measurement();
        int shapes = preset.shapes().size();
        int threads = ThreadCounts.parse(ThreadCounts.defaultText()).counts().size();
        // own or pytorch: 3 operations and 2 to 5 products per shape and backend
        double perBenchmark = (m.warmupIterations() * m.warmupMillis() + m.iterations() * m.iterationMillis()) / 1e3;
        double benchmarks = shapes * threads * backends.size() * 6.0;
        double children = shapes * threads * backends.size();
        return m.forks() * (benchmarks * perBenchmark + children * 2.0);
    }

    /** What the study will take: about 0.2 s per run (quick, measured here) and a JVM per backend. */
    static double studySeconds(StudyPreset preset, int backends) {
        return backends * (StudyRunner.runCount(preset, preset.scenarios(), preset.seeds()) * 0.2 + 10);
    }

    /**
     * An id for this machine's folder: CPU model, logical cores, widest vector ISA and GPU, lower case, e.g.
     * {@code intel-xeon-processor-2core-avx512} or {@code amd-epyc-7763-64core-avx2-nvidia-h100}.
     */
    static String machineId(Environment e) {
        String cpu = e.cpuModel() == null ? "cpu" : e.cpuModel().replaceAll("\\((R|TM|tm|r)\\)", "")
                .replaceAll("(?i)\\b(cpu|with|radeon graphics)\\b.*", "").replaceAll("@.*", "");
        var flags = new HashSet<>(e.isaFlags() == null ? List.of() : e.isaFlags());
        String isa = flags.contains("avx512f") ? "avx512" : flags.contains("avx2") ? "avx2" : "";
        String gpu = e.gpus() == null || e.gpus().isEmpty() ? "" : e.gpus().stream().map(GpuInfo::name).findFirst()
                .orElse("");
        String id = String.join("-", slug(cpu), e.logicalCores() + "core", isa, slug(gpu))
                .replaceAll("-+", "-").replaceAll("^-|-$", "");
        return id.isEmpty() ? "this-machine" : id;
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String checkedName(String name) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new BadInputException("--machine must be letters, digits, '.', '_' and '-' (a folder name), got '"
                    + name + "'");
        }
        return name;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String minutes(double seconds) {
        return seconds < 90 ? Math.round(seconds) + " s" : Math.round(seconds / 60) + " min";
    }
}
