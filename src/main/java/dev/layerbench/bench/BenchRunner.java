package dev.layerbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import dev.layerbench.report.TimingResult;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

    public static TimingResult run(BenchPlan plan, Path natives, int torchThreads, BenchJournal journal,
                                   Consumer<String> progress) {
        Set<String> done = journal.doneKeys();
        for (BenchPlan.ChildRun run : plan.runs()) {
            if (run.benchmarks(plan.preset()).stream().allMatch(p -> done.contains(p.key()))) {
                continue;
            }
            List<String> arguments = List.of("bench-child", "--backend", run.backend().label(), "--impl",
                    String.join(",", run.impls().stream().map(Implementation::label).toList()),
                    "--preset", plan.preset().label(), "--journal", journal.file().toString());
            ChildProcess.run(run.backend(), natives, torchThreads, arguments, BenchJournal.Session.class,
                    line -> progress.accept(run.backend().label() + " " + line));
        }
        return result(journal);
    }

    /**
     * What a bench journal holds, as a result: finished or not, every journaled row with its backend's latest
     * session, and the {@code config} and {@code skipped} lines its header recorded.
     */
    public static TimingResult result(BenchJournal journal) {
        Map<String, BenchJournal.Session> sessions = new LinkedHashMap<>();
        journal.sessions().forEach(s -> sessions.put(s.requestedBackend(), s));
        List<TimingRow> rows = new ArrayList<>();
        Map<String, List<TimingRow>> rowsByBackend = new LinkedHashMap<>();
        Map<String, List<JsonNode>> jmhByBackend = new LinkedHashMap<>();
        for (BenchJournal.Measured measured : journal.measured()) {
            String backend = measured.row().backend();
            if (!sessions.containsKey(backend)) {
                throw new BadInputException(journal.file() + " holds a " + backend + " row but no " + backend
                        + " session: not a journal layerbench wrote");
            }
            rows.add(measured.row());
            rowsByBackend.computeIfAbsent(backend, b -> new ArrayList<>()).add(measured.row());
            jmhByBackend.computeIfAbsent(backend, b -> new ArrayList<>()).add(measured.jmh());
        }
        List<ChildReport> reports = sessions.values().stream().map(s -> new ChildReport(s.requestedBackend(),
                s.loaded(), s.environment(), rowsByBackend.getOrDefault(s.requestedBackend(), List.of()),
                jmhByBackend.getOrDefault(s.requestedBackend(), List.of()))).toList();
        JsonNode grid = journal.grid();
        List<String> skipped = new ArrayList<>();
        grid.path("skipped").forEach(line -> skipped.add(line.asText()));
        return new TimingResult(TimingResult.SCHEMA_VERSION, "bench", Instant.now().toString(), grid.get("config"),
                skipped, reports, ComparisonColumns.fill(rows));
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
