package dev.layerbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.report.AtomicFiles;
import dev.layerbench.report.Json;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs inside the JVM that measures one backend: checks that the backend asked for is the one loaded, runs the
 * preset's JMH grids for the requested implementations through JMH's Java API, and writes a {@link ChildReport}.
 * A backend mismatch is a failure, never a relabelling.
 */
public final class BenchChild {
    /** System properties that decide what a JVM loads; JMH forks get them too. */
    static final List<String> FORWARDED_PROPERTIES = List.of("org.bytedeco.javacpp.platform.extension",
            "ai.djl.offline", "ai.djl.pytorch.num_threads", TorchDenseNetwork.DEVICE_PROPERTY);

    private BenchChild() {
    }

    public static void run(Backend backend, List<Implementation> impls, Preset preset, Path out,
                           PrintStream progress) {
        LoadedBackend loaded = LoadedBackend.detect(backend);
        if (loaded.backend() != backend) {
            throw new IllegalStateException("asked to measure " + backend + " but this JVM loaded "
                    + loaded.backend() + " (" + loaded.library() + ")");
        }
        List<TimingRow> rows = new ArrayList<>();
        List<JsonNode> raw = new ArrayList<>();
        for (ParamGrid grid : preset.grids()) {
            Path jmhJson = tempFile();
            try {
                Collection<RunResult> results = new Runner(options(backend, impls, preset, grid, jmhJson),
                        new ProgressOutputFormat(progress)).run();
                for (RunResult result : results) {
                    rows.add(row(loaded.backend(), result));
                }
                raw.add(Json.mapper().readTree(jmhJson.toFile()));
            } catch (RunnerException e) {
                throw new IllegalStateException("JMH failed on " + backend + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteQuietly(jmhJson);
            }
        }
        AtomicFiles.write(out, Json.write(new ChildReport(backend.label(), loaded, EnvironmentProbe.capture(),
                rows, raw)));
    }

    private static org.openjdk.jmh.runner.options.Options options(Backend backend, List<Implementation> impls,
                                                                   Preset preset, ParamGrid grid, Path jmhJson) {
        ChainedOptionsBuilder options = new OptionsBuilder()
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
                .param("batch", strings(grid.batch()))
                .param("in", strings(grid.in()))
                .param("out", strings(grid.out()))
                .param("hidden", strings(grid.hidden()))
                .param("dtype", grid.dtype().toArray(String[]::new));
        for (Implementation impl : impls) {
            options.include("dev\\.layerbench\\.benchmarks\\." + impl.benchmarkClass(backend.engine()) + "\\.");
        }
        return options.build();
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

    private static String[] strings(List<Integer> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
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
