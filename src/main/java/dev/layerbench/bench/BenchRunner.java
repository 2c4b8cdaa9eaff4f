package dev.layerbench.bench;

import dev.layerbench.backend.NoiseSentinels;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out a {@link BenchPlan} in rounds. Round f gives every benchmark its f-th fork: for each shape and
 * thread count, one child JVM per backend, the backends' order reversed every other round and the benchmarks'
 * order within a child too — so the sides of a comparison are interleaved (A B, then B A, per shape) and drift or
 * a neighbour's burst falls on both, rather than on whichever ran last. After the preset's forks, only rows whose
 * 95% interval is still wider than the precision target get further rounds, up to the most forks, and none starts
 * once the run has used the preset's time for them. Children run
 * one at a time (they would compete for the same cores otherwise), each appending to the {@link BenchJournal};
 * the result is made from the journal, forks of earlier, interrupted runs included.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    /**
     * @param progress hears each finished benchmark's line
     * @param notices  hears why the run waits (another benchmark holds the machine)
     */
    public static TimingResult run(BenchPlan plan, Path natives, BenchJournal journal, Consumer<String> progress,
                                   Consumer<String> notices) throws Exception {
        Measurement m = plan.measurement();
        if (!finished(plan, journal.samplesByKey())) {
            try (AutoCloseable machine = MachineLock.acquire(notices)) {
                journal.noise(NoiseSentinels.read("before"));
                long started = System.nanoTime();
                for (int fork = 1; fork <= m.maxForks(); fork++) {
                    if (fork > m.forks() && m.extraForkSeconds() > 0
                            && System.nanoTime() - started > m.extraForkSeconds() * 1_000_000_000L) {
                        break;
                    }
                    // what a round needs is decided by the journal as it stood when the round began: the forks
                    // of earlier rounds (and of a stopped run); read once a round, not once a child
                    Map<String, List<ForkSample>> samples = journal.samplesByKey();
                    for (BenchPlan.Group group : plan.groups()) {
                        List<BenchPlan.ChildRun> runs = new ArrayList<>(plan.runs());
                        if (fork % 2 == 0) {
                            Collections.reverse(runs);
                        }
                        for (BenchPlan.ChildRun run : runs) {
                            int f = fork;
                            List<BenchPlan.Planned> todo = new ArrayList<>(plan.benchmarks(run, group).stream()
                                    .filter(p -> needs(p, f, samples, m)).toList());
                            if (!todo.isEmpty()) {
                                if (fork % 2 == 0) {
                                    Collections.reverse(todo);
                                }
                                measure(new BenchChild.Task(run.backend(), fork, m, todo), natives, group.threads(),
                                        journal, progress);
                            }
                        }
                    }
                }
                journal.noise(NoiseSentinels.read("after"));
            }
        }
        return journal.result();
    }

    /**
     * Whether {@code planned} needs fork {@code fork}: every row gets the preset's forks; after that, one more
     * while its interval misses the precision target and the most forks are not spent. A fork already journaled
     * is never measured again.
     */
    static boolean needs(BenchPlan.Planned planned, int fork, Map<String, List<ForkSample>> samples, Measurement m) {
        List<ForkSample> forks = samples.getOrDefault(planned.key(), List.of());
        if (forks.stream().anyMatch(s -> s.fork() == fork)) {
            return false;
        }
        if (fork <= m.forks()) {
            return true;
        }
        if (fork > m.maxForks() || forks.size() < fork - 1) {
            return false;
        }
        return TimingRow.of(forks, Double.NaN, m.precisionTarget()).noisy();
    }

    /** Every row has its forks, and no row would get another. */
    static boolean finished(BenchPlan plan, Map<String, List<ForkSample>> samples) {
        Measurement m = plan.measurement();
        for (BenchPlan.Planned p : plan.benchmarks()) {
            for (int fork = 1; fork <= m.maxForks(); fork++) {
                if (needs(p, fork, samples, m)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows of the plan that have all the forks the preset asks for: what a stopped run has kept. */
    public static int completeRows(BenchPlan plan, Map<String, List<ForkSample>> samples) {
        return (int) plan.benchmarks().stream()
                .filter(p -> samples.getOrDefault(p.key(), List.of()).size() >= plan.measurement().forks()).count();
    }

    private static void measure(BenchChild.Task task, Path natives, int threads, BenchJournal journal,
                                Consumer<String> progress) {
        ChildProcess.run(task.backend(), natives, threads, List.of("bench-child", "--journal",
                journal.file().toString()), task, BenchJournal.Session.class,
                line -> progress.accept(task.backend().label() + " " + line));
    }

    /** The run's settings, as the journal's header and the result record them. */
    public static Map<String, Object> config(BenchPlan plan, String threads) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("preset", plan.preset().label());
        config.put("runs", plan.runs());
        config.put("shapes", plan.preset().shapes());
        config.put("threads", threads);
        config.put("filter", plan.filter());
        config.put("measurement", plan.measurement());
        config.put("plannedRows", plan.benchmarks().size());
        config.put("jmh", Map.of("mode", "AverageTime", "forksInsideChild", 0, "profilers", List.of("gc"),
                "fork", "one child JVM per round, backend, shape and thread count"));
        config.put("interval", "95% two-level bootstrap of the median (forks, then iterations within a fork)");
        return config;
    }
}
