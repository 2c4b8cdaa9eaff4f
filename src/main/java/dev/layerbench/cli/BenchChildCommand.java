package dev.layerbench.cli;

import dev.layerbench.bench.BenchChild;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.ChildProcess;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The JVM {@code bench} starts for one backend, shape and thread count per round; not for people, hence hidden. */
@Command(name = "bench-child", hidden = true, description = "Measure one fork of one backend (started by 'bench').")
final class BenchChildCommand implements Callable<Integer> {
    @Option(names = ChildProcess.INPUT_OPTION, required = true, description = "The JSON task the parent wrote.")
    Path task;

    @Option(names = "--journal", required = true)
    Path journal;

    @Option(names = "--report", required = true)
    Path report;

    @Override
    public Integer call() throws Exception {
        ParentWatch.exitWhenParentDies(report);
        BenchChild.Task work = Json.mapper().readValue(task.toFile(), BenchChild.Task.class);
        BenchJournal.Session session = BenchChild.run(work, BenchJournal.open(journal), System.out,
                report.toAbsolutePath().getParent());
        AtomicFiles.write(report, Json.write(session));
        return ExitCode.OK;
    }
}
