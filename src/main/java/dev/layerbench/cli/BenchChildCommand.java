package dev.layerbench.cli;

import dev.layerbench.backend.Backend;
import dev.layerbench.bench.BenchChild;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.BenchPlan;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.Preset;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The JVM {@code bench} starts for one backend; not for people, hence hidden. */
@Command(name = "bench-child", hidden = true, description = "Measure one backend (started by 'bench').")
final class BenchChildCommand implements Callable<Integer> {
    @Option(names = "--backend", required = true)
    String backend;

    @Option(names = "--impl", required = true)
    String impls;

    @Option(names = "--preset", required = true)
    String preset;

    @Option(names = "--journal", required = true)
    Path journal;

    @Option(names = "--report", required = true)
    Path report;

    @Override
    public Integer call() {
        ParentWatch.exitWhenParentDies();
        BenchPlan.ChildRun run = new BenchPlan.ChildRun(Labelled.parse(Backend.class, backend, "--backend"),
                Implementation.parseList(impls));
        BenchJournal.Session session = BenchChild.run(run, Preset.parse(preset), BenchJournal.open(journal),
                System.out);
        AtomicFiles.write(report, Json.write(session));
        return ExitCode.OK;
    }
}
