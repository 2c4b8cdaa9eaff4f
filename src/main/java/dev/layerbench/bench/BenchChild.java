package dev.layerbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.Json;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs inside the JVM that measures one backend for one fork: checks that the backend asked for is the one
 * loaded, records its session in the {@link BenchJournal} (and, once per backend and run, the
 * {@link BackendAgreement} rows), then runs each benchmark of its {@link Task} that the
 * journal does not hold for this fork yet through JMH's Java API, one JMH run per benchmark, appending the fork's
 * samples the moment JMH reports them. A backend mismatch is a failure, never a relabelling.
 *
 * <p>JMH runs in this JVM (JMH forks = 0): this JVM is the fork. Starting one per benchmark would cost a JVM and
 * an ND4J or libtorch start-up per row and fork, more than the measurement itself at the quick preset; instead
 * the parent starts a fresh one per round, backend, shape and thread count, and the benchmarks of one shape share
 * it — their JIT profiles are those of one shape's operations.
 */
public final class BenchChild {
    /**
     * What one child JVM measures: {@code benchmarks} of one backend, shape and thread count, as fork
     * {@code fork}, in the given order.
     */
    public record Task(Backend backend, int fork, Measurement measurement, List<BenchPlan.Planned> benchmarks) {
    }

    private BenchChild() {
    }

    /**
     * Measures what {@code journal} lacks of {@code task} and returns the session it recorded.
     *
     * @param scratch the folder for JMH's result files: the child's own ({@link ChildProcess}), removed with it
     */
    public static BenchJournal.Session run(Task task, BenchJournal journal, PrintStream progress, Path scratch) {
        Backend backend = task.backend();
        LoadedBackend loaded = BackendAvailability.loaded(backend);
        if (loaded.backend() != backend) {
            throw new IllegalStateException("asked to measure " + backend + " but this JVM loaded "
                    + loaded.backend() + " (" + loaded.library() + ")");
        }
        BenchJournal.Session session = new BenchJournal.Session(backend.label(), loaded,
                EnvironmentProbe.capture(), Instant.now().toString());
        journal.begin(session);
        // the journal read once: the forks already measured and the warnings already given
        Set<String> done = new HashSet<>();
        Set<String> warned = new HashSet<>();
        boolean agreed = false;
        int sequence = 0;
        for (BenchJournal.Entry entry : journal.entries()) {
            if (entry instanceof BenchJournal.Measured m) {
                done.add(m.sample().key() + "#" + m.sample().fork());
                sequence++;
            } else if (entry instanceof BenchJournal.Warning w) {
                warned.add(w.text());
            } else if (entry instanceof BenchJournal.Agreement a && a.backend().equals(backend.label())) {
                agreed = true;
            }
        }
        if (!agreed) {
            journal.append(new BenchJournal.Agreement(backend.label(),
                    BackendAgreement.measure(loaded, session.environment().gitCommit())));
        }
        for (BenchPlan.Planned planned : task.benchmarks()) {
            if (!done.contains(planned.key() + "#" + task.fork())) {
                ProgressOutputFormat output = new ProgressOutputFormat(progress);
                journal.append(measure(planned, task, ++sequence, output, scratch));
                for (String warning : output.warnings()) {
                    if (warned.add(warning)) {
                        journal.warn(warning);
                    }
                }
            }
        }
        return session;
    }

    private static BenchJournal.Measured measure(BenchPlan.Planned planned, Task task, int sequence,
                                                 ProgressOutputFormat output, Path scratch) {
        Path jmhJson = tempFile(scratch);
        try {
            Collection<RunResult> results = new Runner(options(planned, task.measurement(), jmhJson), output).run();
            JsonNode raw = Json.mapper().readTree(jmhJson.toFile());
            if (results.size() != 1 || raw == null || raw.size() != 1) {
                throw new IllegalStateException("JMH ran " + results.size() + " benchmarks for " + planned
                        + "; expected exactly one");
            }
            return new BenchJournal.Measured(sample(planned, task.fork(), sequence, results.iterator().next()),
                    raw.get(0));
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + planned + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(jmhJson);
        }
    }

    private static org.openjdk.jmh.runner.options.Options options(BenchPlan.Planned planned, Measurement m,
                                                                   Path jmhJson) {
        BenchmarkShape shape = planned.shape();
        OptionsBuilder options = new OptionsBuilder();
        options.include("^" + Pattern.quote("dev.layerbench.benchmarks."
                        + planned.impl().benchmarkClass(planned.backend().engine()) + "." + planned.op().method())
                        + "$")
                .warmupIterations(m.warmupIterations())
                .warmupTime(TimeValue.milliseconds(m.warmupMillis()))
                .measurementIterations(m.iterations())
                .measurementTime(TimeValue.milliseconds(m.iterationMillis()))
                .forks(0)
                // interference first: JMH runs the after-iteration hooks in reverse, so reading /proc (a few KB
                // of strings) falls outside the gc profiler's window instead of into every row's B/op
                .addProfiler(InterferenceProfiler.class)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .result(jmhJson.toString())
                .resultFormat(ResultFormatType.JSON)
                .param("batch", Integer.toString(shape.batch()))
                .param("in", Integer.toString(shape.in()))
                .param("out", Integer.toString(shape.out()))
                .param("hidden", Integer.toString(shape.hidden()))
                .param("dtype", shape.dtype().label())
                .param("threads", Integer.toString(planned.threads()));
        if (planned.product() != null) {
            options.param("product", planned.product().label());
        }
        return options.build();
    }

    /** The fork's samples: JMH's score of each measurement iteration, in order. */
    static ForkSample sample(BenchPlan.Planned planned, int fork, int sequence, RunResult result) {
        List<Double> iterations = new ArrayList<>();
        List<Double> steal = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                iterations.add(iteration.getPrimaryResult().getScore());
                steal.add(score(iteration.getSecondaryResults(), InterferenceProfiler.STEAL));
                others.add(score(iteration.getSecondaryResults(), InterferenceProfiler.OTHERS));
            }
        }
        BenchmarkShape s = planned.shape();
        return new ForkSample(planned.backend().label(), planned.impl().label(), planned.opLabel(), s.batch(), s.in(),
                s.out(), s.hidden(), s.dtype().label(), planned.threads(), fork, sequence, List.copyOf(iterations),
                allocation(result.getSecondaryResults()), List.copyOf(steal), List.copyOf(others),
                Runtime.getRuntime().availableProcessors());
    }

    /** JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefixed a middle dot. */
    private static double allocation(Map<String, Result> secondary) {
        for (String key : List.of("gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm")) {
            if (secondary.containsKey(key)) {
                return secondary.get(key).getScore();
            }
        }
        return Double.NaN;
    }

    private static double score(Map<String, Result> secondary, String key) {
        Result r = secondary.get(key);
        return r == null ? Double.NaN : r.getScore();
    }

    private static Path tempFile(Path scratch) {
        try {
            return Files.createTempFile(scratch, "jmh", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
