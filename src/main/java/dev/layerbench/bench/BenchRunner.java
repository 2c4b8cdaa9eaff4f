package dev.layerbench.bench;

import dev.layerbench.results.TimingResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out a {@link BenchPlan}: one child JVM per backend with something left to measure, one after the other
 * (they would compete for the same cores otherwise), each appending to the {@link BenchJournal}; then the result
 * is made from the journal — rows of earlier, interrupted runs included — with the comparison columns filled.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /**
     * @param progress hears each finished benchmark's line
     * @param notices  hears why the run waits (another benchmark holds the machine)
     */
    public static TimingResult run(BenchPlan plan, Path natives, int torchThreads, BenchJournal journal,
                                   Consumer<String> progress, Consumer<String> notices) throws Exception {
        Set<String> done = journal.doneKeys();
        List<BenchPlan.ChildRun> left = plan.runs().stream()
                .filter(run -> !run.benchmarks(plan.preset()).stream().allMatch(p -> done.contains(p.key())))
                .toList();
        if (!left.isEmpty()) {
            try (AutoCloseable machine = MachineLock.acquire(notices)) {
                for (BenchPlan.ChildRun run : left) {
                    List<String> arguments = List.of("bench-child", "--backend", run.backend().label(), "--impl",
                            String.join(",", run.impls().stream().map(Implementation::label).toList()),
                            "--preset", plan.preset().label(), "--journal", journal.file().toString());
                    ChildProcess.run(run.backend(), natives, torchThreads, arguments, BenchJournal.Session.class,
                            line -> progress.accept(run.backend().label() + " " + line));
                }
            }
        }
        return journal.result();
    }

    /** The run's settings, as the journal's header and the result record them. */
    public static Map<String, Object> config(BenchPlan plan, int torchThreads) {
        Preset p = plan.preset();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("preset", p.label());
        config.put("runs", plan.runs());
        config.put("grids", p.grids());
        config.put("jmh", Map.of("warmupIterations", p.warmupIterations(), "warmupMillis", p.warmupMillis(),
                "measurementIterations", p.measurementIterations(), "measurementMillis", p.measurementMillis(),
                "forks", p.forks(), "mode", "AverageTime", "profilers", List.of("gc")));
        config.put("pytorchThreads", torchThreads);
        return config;
    }
}
