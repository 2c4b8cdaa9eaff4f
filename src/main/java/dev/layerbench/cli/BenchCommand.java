package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.bench.Backend;
import dev.layerbench.bench.BenchPlan;
import dev.layerbench.bench.BenchRunner;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.Preset;
import dev.layerbench.report.Json;
import dev.layerbench.report.ResultDirectory;
import dev.layerbench.report.TimingResult;
import dev.layerbench.report.TimingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
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
            description = "cpu, cpu-avx2, cpu-avx512, cpu-onednn, cpu-onednn-avx2 (ND4J builds), pytorch-cpu "
                    + "(default ${DEFAULT-VALUE}).")
    String backends;

    @Option(names = "--impl", defaultValue = "own,dl4j,pytorch,gemm", paramLabel = "I,...",
            description = "own, dl4j, pytorch, gemm (default ${DEFAULT-VALUE}).")
    String impls;

    @Option(names = "--torch-threads", paramLabel = "N",
            description = "PyTorch intra-op threads (default: the number of logical cores).")
    Integer torchThreads;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/timing.csv, timing.json, timing.md.")
    Path out;

    @Override
    public Integer call() {
        ResultDirectory files = out == null ? null : ResultDirectory.in(out);
        int threads = torchThreads == null ? Runtime.getRuntime().availableProcessors() : torchThreads;
        if (threads < 1) {
            throw new BadInputException("--torch-threads must be at least 1, got " + threads);
        }
        Path natives = nativesDirectory();
        BenchPlan plan = BenchPlan.of(Preset.parse(preset), Backend.parseList(backends),
                Implementation.parseList(impls), natives, new HashSet<>(EnvironmentProbe.cpuIsaFlags()),
                EnvironmentProbe.gpus());
        PrintWriter stdout = command.commandLine().getOut();
        plan.skipped().forEach(stdout::println);
        stdout.printf("measuring %d benchmarks on %s (preset %s)%n", plan.benchmarkCount(),
                plan.runs().stream().map(r -> r.backend().label()).toList(), plan.preset());
        stdout.flush();

        TimingResult result;
        try (ProgressLines progress = new ProgressLines("bench", plan.benchmarkCount(),
                command.commandLine().getErr())) {
            result = BenchRunner.run(plan, natives, threads, line -> progress.step(readable(line)));
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
