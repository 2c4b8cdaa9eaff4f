package dev.layerbench.cli;

import dev.layerbench.backend.Backend;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.bench.BackendAvailability;
import dev.layerbench.bench.BackendReport;
import dev.layerbench.bench.ChildProcess;
import dev.layerbench.bench.ThreadCounts;
import dev.layerbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code layerbench doctor}: for every backend, can it run here, on what, and if not, why and what to do. What
 * can be decided without loading anything (missing build, missing ISA, no GPU, no kernels for this GPU's
 * architecture) is; everything else is loaded for real, in a JVM of its own.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check every backend: does it load, on which device, and what to do when it cannot.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        Path natives = BenchCommand.nativesDirectory();
        List<BackendReport> reports = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            Optional<String> problem = BackendAvailability.problem(backend, natives);
            reports.add(problem.map(p -> new BackendReport(backend.label(), false, "", p))
                    .orElseGet(() -> probe(backend, natives)));
        }
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.print(Json.write(reports));
        } else {
            for (BackendReport r : reports) {
                out.printf(Locale.US, "%-16s %-4s %s%n", r.backend(), r.runs() ? "ok" : "no",
                        r.runs() ? r.device() + " (" + r.detail() + ")" : r.detail());
            }
            // the probes above load each backend with one thread; what bench times with is its own flag
            out.printf(Locale.US, "threads: bench times every implementation at %s threads by default (--threads): "
                    + "OpenBLAS/OpenMP threads for ND4J, intra-op threads for PyTorch, the same count on both "
                    + "sides of a comparison%n", ThreadCounts.defaultText());
        }
        out.flush();
        return ExitCode.OK;
    }

    private static BackendReport probe(Backend backend, Path natives) {
        try {
            LoadedBackend loaded = ChildProcess.run(backend, natives, 1,
                    List.of("probe-child", "--backend", backend.label()), LoadedBackend.class, line -> { });
            boolean same = loaded.backend() == backend;
            return new BackendReport(backend.label(), same, loaded.description(),
                    same ? loaded.library() : "asked for " + backend + " but " + loaded.backend() + " loaded");
        } catch (RuntimeException e) {
            return new BackendReport(backend.label(), false, "", "failed to load: " + e.getMessage().lines()
                    .findFirst().orElse(e.toString()));
        }
    }
}
