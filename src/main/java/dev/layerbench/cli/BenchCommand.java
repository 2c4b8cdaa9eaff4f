package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.BenchPlan;
import dev.layerbench.bench.BenchRunner;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.JmhResultJson;
import dev.layerbench.bench.Measurement;
import dev.layerbench.bench.Preset;
import dev.layerbench.bench.ThreadCounts;
import dev.layerbench.report.TimingTable;
import dev.layerbench.results.AgreementRow;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultDirectory;
import dev.layerbench.results.TimingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code layerbench bench}: JMH timings of the dense layer per backend and implementation, as tables. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time forward, backward and train step of the dense layer with JMH, per backend.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "P",
            description = "smoke (seconds), quick (minutes) or full (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--backends", defaultValue = "cpu,pytorch-cpu", paramLabel = "B,...",
            description = "cpu, cpu-avx2, cpu-avx512, cpu-onednn, cpu-onednn-avx2 (ND4J builds), cuda, pytorch-cpu, "
                    + "pytorch-cuda ('layerbench doctor' says which run here; default ${DEFAULT-VALUE}).")
    String backends;

    @Option(names = "--impl", paramLabel = "I,...",
            description = "own, dl4j, pytorch, gemm (default: the preset's; quick: own,pytorch,gemm).")
    String impls;

    @Option(names = "--threads", paramLabel = "N[,M...]|auto",
            description = "Thread budgets every implementation is timed at, the same for all: at most N threads "
                    + "for ND4J (own under its thread policy, OpenBLAS's for DL4J), intra-op threads for PyTorch; "
                    + "'auto' is the count own's policy uses per shape, given to PyTorch too (default: 1 and the "
                    + "core count).")
    String threads;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only the benchmarks whose key contains a match, e.g. 'own|pytorch' or '\\|128\\|784\\|1024\\|'; "
                    + "keys read backend|impl|op|batch|in|out|hidden|dtype|threads.")
    String filter;

    @Option(names = "--forks", paramLabel = "N", description = "Forks every row gets (default: the preset's).")
    Integer forks;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Measurement iterations per fork (default: the preset's).")
    Integer iterations;

    @Option(names = "--time", paramLabel = "MS",
            description = "Milliseconds per measurement iteration (default: the preset's).")
    Integer iterationMillis;

    @Mixin
    JournalOptions output;

    /** The options a journal records and --resume reads back. */
    private static final List<String> JOURNALED = List.of("preset", "backends", "impl", "threads", "filter",
            "forks", "iterations", "time");

    @Override
    public Integer call() throws Exception {
        ResultDirectory files = output.files();
        BenchJournal resumed = output.resume == null ? null
                : BenchJournal.open(output.resume.resolve(BenchJournal.FILE_NAME));
        if (resumed != null) {
            output.adoptRecordedOptions(command, resumed.grid(), JOURNALED);
        }
        Preset chosen = Preset.parse(preset);
        ThreadCounts threadCounts = ThreadCounts.parse(threads == null ? ThreadCounts.defaultText() : threads);
        checkFilter();
        Measurement measurement = chosen.measurement().with(forks, iterations, iterationMillis);
        Path natives = nativesDirectory();
        List<Backend> requested = Backend.parseList(backends);
        List<Implementation> implementations = impls == null ? chosen.impls() : Implementation.parseList(impls);
        BenchPlan plan = BenchPlan.of(chosen, measurement, requested, implementations, threadCounts, filter, natives,
                new HashSet<>(EnvironmentProbe.cpuIsaFlags()), EnvironmentProbe.gpus());
        BenchJournal journal = resumed != null ? resumed
                : newJournal(plan, requested, implementations, threadCounts);
        int total = plan.benchmarks().size();
        int done = BenchRunner.completeRows(plan, journal.samplesByKey());
        PrintWriter stdout = command.commandLine().getOut();
        plan.skipped().forEach(stdout::println);
        stdout.printf("measuring %d benchmarks × %d–%d forks on %s at %s threads (preset %s)%s%n", total,
                measurement.forks(), measurement.maxForks(), plan.runs().stream().map(r -> r.backend().label())
                        .toList(), threadCounts, plan.preset(), done == 0 ? "" : ", " + done + " rows already done");
        if (files == null) {
            stdout.println("journal: " + journal.file() + " (--resume " + journal.file().getParent()
                    + " continues it)");
        }
        stdout.flush();

        TimingResult result;
        try (AutoCloseable claim = journal.claim();
             ProgressLines progress = new ProgressLines("bench", (total - done) * measurement.forks(),
                     command.commandLine().getErr())) {
            ResumeHint hint = new ResumeHint("layerbench bench", journal.file(),
                    () -> BenchRunner.completeRows(plan, journal.samplesByKey()), total,
                    command.commandLine().getErr());
            PrintWriter stderr = command.commandLine().getErr();
            result = BenchRunner.run(plan, natives, journal, line -> progress.step(readable(line)),
                    notice -> {
                        stderr.println("layerbench: " + notice);
                        stderr.flush();
                    });
            hint.finished();
        }
        stdout.print(TimingTable.markdown(result));
        if (files != null) {
            files.write(Map.of("timing.csv", TimingTable.csv(result.rows()), "timing.json", Json.write(result),
                    "timing.md", "# layerbench timings (preset " + plan.preset() + ")\n\n"
                            + (plan.skipped().isEmpty() ? "" : String.join("\n\n", plan.skipped()) + "\n\n")
                            + TimingTable.markdown(result),
                    JmhResultJson.FILE_NAME, JmhResultJson.write(result.rows(), journal.jmhByKey()),
                    "agreement.csv", AgreementRow.csv(result.agreement())));
            stdout.println("wrote " + files.file("timing.csv") + ", timing.json, timing.md, "
                    + JmhResultJson.FILE_NAME + " and agreement.csv");
        }
        stdout.flush();
        return ExitCode.OK;
    }

    private void checkFilter() {
        if (filter != null) {
            try {
                Pattern.compile(filter);
            } catch (PatternSyntaxException e) {
                throw new BadInputException("--filter is not a regular expression: " + e.getDescription() + " in '"
                        + filter + "'");
            }
        }
    }

    /** A fresh journal recording this run's options and settings, in --out or else a temporary folder. */
    private BenchJournal newJournal(BenchPlan plan, List<Backend> requested, List<Implementation> implementations,
                                    ThreadCounts threadCounts) throws IOException {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("preset", plan.preset().label());
        grid.put("backends", requested.stream().map(Backend::label).toList());
        grid.put("impl", implementations.stream().map(Implementation::label).toList());
        grid.put("threads", threadCounts.toString());
        grid.put("filter", filter);
        grid.put("forks", forks);
        grid.put("iterations", iterations);
        grid.put("time", iterationMillis);
        grid.put("config", BenchRunner.config(plan, threadCounts.toString()));
        grid.put("skipped", plan.skipped());
        return BenchJournal.create(output.newJournalDirectory("bench").resolve(BenchJournal.FILE_NAME), grid);
    }

    /** "cpu own_forward_b=32... 12.3" as "cpu own forward b=32 …: 12.3 µs/op". */
    private static String readable(String line) {
        String[] parts = line.split(" ");
        return parts[0] + " " + parts[1].replace('_', ' ') + ": " + parts[2] + " µs/op";
    }

    /** target/natives beside the jar (or the classes directory) this runs from. */
    static Path nativesDirectory() {
        try {
            Path code = Path.of(Layerbench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("natives");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
