package dev.layerbench.bench;

import dev.layerbench.report.TimingResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out a {@link BenchPlan}: one child JVM per backend, one after the other (they would compete for the
 * same cores otherwise), then merges their rows and fills the comparison columns. Each row's backend label
 * was set by the child from what it found loaded; a child that labels rows with another backend than it was
 * started for is a failure.
 */
public final class BenchRunner {
    private BenchRunner() {
    }

    public static TimingResult run(BenchPlan plan, Path natives, int torchThreads, Consumer<String> progress) {
        List<ChildReport> reports = new ArrayList<>();
        List<TimingRow> rows = new ArrayList<>();
        for (BenchPlan.ChildRun run : plan.runs()) {
            List<String> arguments = List.of("bench-child", "--backend", run.backend().label(), "--impl",
                    String.join(",", run.impls().stream().map(Implementation::label).toList()),
                    "--preset", plan.preset().label());
            ChildReport child = ChildProcess.run(run.backend(), natives, torchThreads, arguments, ChildReport.class,
                    line -> progress.accept(run.backend().label() + " " + line));
            for (TimingRow row : child.rows()) {
                if (!row.backend().equals(run.backend().label())) {
                    throw new IllegalStateException("the JVM started for " + run.backend() + " reported a row for "
                            + row.backend() + "; refusing to mix them");
                }
            }
            reports.add(child);
            rows.addAll(child.rows());
        }
        return new TimingResult(TimingResult.SCHEMA_VERSION, "bench", Instant.now().toString(),
                config(plan, torchThreads), plan.skipped(), reports, ComparisonColumns.fill(rows));
    }

    private static Map<String, Object> config(BenchPlan plan, int torchThreads) {
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
