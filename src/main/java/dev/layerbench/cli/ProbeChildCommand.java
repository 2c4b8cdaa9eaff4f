package dev.layerbench.cli;

import dev.layerbench.backend.Backend;
import dev.layerbench.bench.BackendAvailability;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The JVM {@code doctor} starts to see what one backend really loads; not for people, hence hidden. */
@Command(name = "probe-child", hidden = true, description = "Load one backend and report what was loaded.")
final class ProbeChildCommand implements Callable<Integer> {
    @Option(names = "--backend", required = true)
    String backend;

    @Option(names = "--report", required = true)
    Path report;

    @Override
    public Integer call() {
        ParentWatch.exitWhenParentDies(report);
        AtomicFiles.write(report, Json.write(BackendAvailability.loaded(Labelled.parse(Backend.class, backend, "--backend"))));
        return ExitCode.OK;
    }
}
