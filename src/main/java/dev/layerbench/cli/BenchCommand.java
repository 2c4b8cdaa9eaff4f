package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.BenchPlan;
import dev.layerbench.bench.BenchRunner;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.Preset;
import dev.layerbench.report.TimingTable;
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

    @Option(names = "--impl", defaultValue = "own,dl4j,pytorch,gemm", paramLabel = "I,...",
            description = "own, dl4j, pytorch, gemm (default ${DEFAULT-VALUE}).")
    String impls;

    @Option(names = "--torch-threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: the number of logical cores).")
    Integer torchThreads;

    @Mixin
    JournalOptions output;

    /** The options a journal records and --resume reads back. */
    private static final List<String> JOURNALED = List.of("preset", "backends", "impl", "torch-threads");

    @Override
    public Integer call() throws Exception {
        ResultDirectory files = output.files();
        BenchJournal resumed = output.resume == null ? null
                : BenchJournal.open(output.resume.resolve(BenchJournal.FILE_NAME));
        if (resumed != null) {
            output.adoptRecordedOptions(command, resumed.grid(), JOURNALED);
        }
        int threads = torchThreads == null ? Runtime.getRuntime().availableProcessors() : torchThreads;
        if (threads < 1) {
            throw new BadInputException("--torch-threads must be at least 1, got " + threads);
        }
        Path natives = nativesDirectory();
        List<Backend> requested = Backend.parseList(backends);
        List<Implementation> implementations = Implementation.parseList(impls);
        BenchPlan plan = BenchPlan.of(Preset.parse(preset), requested, implementations, natives,
                new HashSet<>(EnvironmentProbe.cpuIsaFlags()), EnvironmentProbe.gpus());
        BenchJournal journal = resumed != null ? resumed : newJournal(plan, requested, implementations, threads);
        int total = plan.benchmarks().size();
        int done = journal.doneKeys().size();
        PrintWriter stdout = command.commandLine().getOut();
        plan.skipped().forEach(stdout::println);
        stdout.printf("measuring %d benchmarks on %s (preset %s)%s%n", total,
                plan.runs().stream().map(r -> r.backend().label()).toList(), plan.preset(),
                done == 0 ? "" : ", " + done + " already done");
        stdout.flush();

        TimingResult result;
        try (AutoCloseable claim = journal.claim();
             ProgressLines progress = new ProgressLines("bench", total - done, command.commandLine().getErr())) {
            ResumeHint hint = new ResumeHint("layerbench bench", journal.file(), () -> journal.doneKeys().size(),
                    total, command.commandLine().getErr());
            PrintWriter stderr = command.commandLine().getErr();
            result = BenchRunner.run(plan, natives, threads, journal, line -> progress.step(readable(line)),
                    notice -> {
                        stderr.println("layerbench: " + notice);
                        stderr.flush();
                    });
            hint.finished();
        }
        stdout.print(TimingTable.markdown(result.rows()));
        if (files != null) {
            files.write(Map.of("timing.csv", TimingTable.csv(result.rows()), "timing.json", Json.write(result),
                    "timing.md", "# layerbench timings (preset " + plan.preset() + ")\n\n"
                            + (plan.skipped().isEmpty() ? "" : String.join("\n\n", plan.skipped()) + "\n\n")
                            + TimingTable.markdown(result.rows())));
            stdout.println("wrote " + files.file("timing.csv") + ", timing.json and timing.md");
        }
        stdout.flush();
        return ExitCode.OK;
    }

    /** A fresh journal recording this run's options and settings, in --out or else a temporary folder. */
    private BenchJournal newJournal(BenchPlan plan, List<Backend> requested, List<Implementation> implementations,
                                    int threads) throws IOException {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("preset", plan.preset().label());
        grid.put("backends", requested.stream().map(Backend::label).toList());
        grid.put("impl", implementations.stream().map(Implementation::label).toList());
        grid.put("torch-threads", threads);
        grid.put("config", BenchRunner.config(plan, threads));
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
