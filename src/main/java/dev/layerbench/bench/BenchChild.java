package dev.layerbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.results.Json;
import dev.layerbench.results.TimingRow;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs inside the JVM that measures one backend: checks that the backend asked for is the one loaded, records
 * its session in the {@link BenchJournal}, then runs each planned benchmark the journal does not hold yet through
 * JMH's Java API, one JMH run per benchmark and shape, appending its row the moment it ends.
 *
 * <p>One run per benchmark rather than one per grid: JMH only reports a grid when all of it is done, and cannot
 * be told to skip single points of it — a kill would lose the grid, and a resume would measure it again. With
 * forks = 0 (smoke, quick) the cost is JMH's set-up, milliseconds; with forks it starts one JVM per benchmark
 * either way. A backend mismatch is a failure, never a relabelling.
 */
public final class BenchChild {
    /** System properties that decide what a JVM loads; JMH forks get them too. */
    static final List<String> FORWARDED_PROPERTIES = List.of("org.bytedeco.javacpp.platform.extension",
            "ai.djl.offline", "ai.djl.pytorch.num_threads", TorchDenseNetwork.DEVICE_PROPERTY);

    private BenchChild() {
    }

    /** Measures what {@code journal} lacks of {@code run} and returns the session it recorded. */
    public static BenchJournal.Session run(BenchPlan.ChildRun run, Preset preset, BenchJournal journal,
                                           PrintStream progress) {
        Backend backend = run.backend();
        LoadedBackend loaded = BackendAvailability.loaded(backend);
        if (loaded.backend() != backend) {
            throw new IllegalStateException("asked to measure " + backend + " but this JVM loaded "
                    + loaded.backend() + " (" + loaded.library() + ")");
        }
        BenchJournal.Session session = new BenchJournal.Session(backend.label(), loaded,
                EnvironmentProbe.capture(), Instant.now().toString());
        journal.begin(session);
        Set<String> done = journal.doneKeys();
        for (BenchPlan.Planned planned : run.benchmarks(preset)) {
            if (!done.contains(planned.key())) {
                journal.append(measure(planned, preset, progress));
            }
        }
        return session;
    }

    private static BenchJournal.Measured measure(BenchPlan.Planned planned, Preset preset, PrintStream progress) {
        Path jmhJson = tempFile();
        try {
            Collection<RunResult> results = new Runner(options(planned, preset, jmhJson),
                    new ProgressOutputFormat(progress)).run();
            JsonNode raw = Json.mapper().readTree(jmhJson.toFile());
            if (results.size() != 1 || raw == null || raw.size() != 1) {
                throw new IllegalStateException("JMH ran " + results.size() + " benchmarks for " + planned
                        + "; expected exactly one");
            }
            return new BenchJournal.Measured(row(planned.backend(), results.iterator().next()), raw.get(0));
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed on " + planned + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(jmhJson);
        }
    }

    private static org.openjdk.jmh.runner.options.Options options(BenchPlan.Planned planned, Preset preset,
                                                                   Path jmhJson) {
        BenchmarkShape shape = planned.shape();
        return new OptionsBuilder()
                .include("^" + Pattern.quote("dev.layerbench.benchmarks."
                        + planned.impl().benchmarkClass(planned.backend().engine()) + "." + planned.op().method())
                        + "$")
                .warmupIterations(preset.warmupIterations())
                .warmupTime(TimeValue.milliseconds(preset.warmupMillis()))
                .measurementIterations(preset.measurementIterations())
                .measurementTime(TimeValue.milliseconds(preset.measurementMillis()))
                .forks(preset.forks())
                .jvmArgsAppend(forwardedProperties())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .result(jmhJson.toString())
                .resultFormat(ResultFormatType.JSON)
                .param("batch", Integer.toString(shape.batch()))
                .param("in", Integer.toString(shape.in()))
                .param("out", Integer.toString(shape.out()))
                .param("hidden", Integer.toString(shape.hidden()))
                .param("dtype", shape.dtype().label())
                .build();
    }

    static TimingRow row(Backend backend, RunResult result) {
        BenchmarkParams p = result.getParams();
        String benchmark = p.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        Implementation impl = Implementation.ofBenchmarkClass(type.substring(type.lastIndexOf('.') + 1));
        Operation op = Operation.ofMethod(method);
        BenchmarkShape shape = BenchmarkShape.of(Integer.parseInt(p.getParam("batch")),
                Integer.parseInt(p.getParam("in")), Integer.parseInt(p.getParam("out")),
                Integer.parseInt(p.getParam("hidden")), p.getParam("dtype"));
        Result<?> primary = result.getPrimaryResult();
        return new TimingRow(backend.label(), impl.label(), op.label(), shape.batch(), shape.in(), shape.out(),
                shape.hidden(), shape.dtype().label(), primary.getScore(), primary.getScoreError(),
                op.flops(shape), allocation(result.getSecondaryResults()), Double.NaN, Double.NaN);
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

    private static String[] forwardedProperties() {
        return FORWARDED_PROPERTIES.stream().filter(k -> System.getProperty(k) != null)
                .map(k -> "-D" + k + "=" + System.getProperty(k)).toArray(String[]::new);
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("layerbench-jmh", ".json");
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
