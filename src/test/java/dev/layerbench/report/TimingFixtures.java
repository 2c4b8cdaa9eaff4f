package dev.layerbench.report;

import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.bench.ComparisonColumns;
import dev.layerbench.bench.Measurement;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.Json;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-made bench results: rows made from raw samples the way {@code layerbench bench} makes them
 * ({@link TimingRow#of}, then {@link ComparisonColumns#fill}), written as its timing.json or its journal.
 */
public final class TimingFixtures {
    /** The shape of every fixture row: batch 32, in 784, out 10, no hidden layer, float32, 2 threads. */
    static final int BATCH = 32;
    static final int IN = 784;
    static final int OUT = 10;
    static final int THREADS = 2;
    /** 2·B·I·O: the forward product's FLOPs at that shape. */
    static final double FLOPS = 2.0 * BATCH * IN * OUT;
    static final int FORKS = 3;
    static final int ITERATIONS = 5;

    private TimingFixtures() {
    }

    /**
     * {@link #FORKS} forks × {@link #ITERATIONS} iterations spread evenly over {@code usPerOp} · (1 ± spread),
     * dealt to the forks in turn: the pooled median is exactly {@code usPerOp} (the middle sample's offset is 0).
     */
    public static List<List<Double>> evenSamples(double usPerOp, double spread) {
        int n = FORKS * ITERATIONS;
        int half = n / 2;
        List<List<Double>> forks = new ArrayList<>();
        for (int f = 0; f < FORKS; f++) {
            forks.add(new ArrayList<>());
        }
        for (int k = -half; k <= half; k++) {
            forks.get((k + half) % FORKS).add(usPerOp * (1 + k * (spread / half)));
        }
        return forks;
    }

    /** Samples drawn from a normal distribution of mean {@code usPerOp} and sd {@code sd} · usPerOp, seeded. */
    public static List<List<Double>> normalSamples(double usPerOp, double sd, long seed) {
        Random random = new Random(seed);
        List<List<Double>> forks = new ArrayList<>();
        for (int f = 0; f < FORKS; f++) {
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                fork.add(usPerOp * (1 + sd * random.nextGaussian()));
            }
            forks.add(fork);
        }
        return forks;
    }

    /** A row at the fixture shape of tight samples (±1%) whose median is exactly {@code usPerOp}. */
    public static TimingRow row(String backend, String impl, String op, double usPerOp) {
        return row(backend, impl, op, evenSamples(usPerOp, 0.01));
    }

    /** A row at the fixture shape made from {@code samplesUs} (one list per fork) as the bench makes it. */
    public static TimingRow row(String backend, String impl, String op, List<List<Double>> samplesUs) {
        List<ForkSample> forks = new ArrayList<>();
        for (int f = 0; f < samplesUs.size(); f++) {
            forks.add(new ForkSample(backend, impl, op, BATCH, IN, OUT, 0, "float32", THREADS, f + 1, f + 1,
                    samplesUs.get(f), Double.NaN));
        }
        return TimingRow.of(forks, FLOPS, 0.05);
    }

    /** A machine with this CPU, these GPUs and this layerbench commit. */
    public static Environment environment(String cpu, List<GpuInfo> gpus, String commit) {
        return new Environment("0.1", commit, "node1", cpu, 2, List.of("avx2"), 1L << 34, "Linux", "17", "CPU",
                "linux-x86_64", "OPENBLAS", 1, 1, "float32: jvm-vector (512-bit, 16 float lanes); float64: nd4j-ops",
                "openblas-direct (SkylakeX core)",
                gpus, Map.of("nd4j-api", "1.0.0-M2.1", "openblas", "0.3.19"), Map.of());
    }

    /** A cpu session as a bench child journals it, on a machine with this CPU, these GPUs and this commit. */
    public static BenchJournal.Session session(String cpu, List<GpuInfo> gpus, String commit) {
        return new BenchJournal.Session("cpu", loaded("cpu"), environment(cpu, gpus, commit), "2026-11-26T00:00:00Z");
    }

    /**
     * A folder holding only the journal of a bench of {@code rows} on cpu, on an "EPYC" at commit "abc", that was
     * stopped before its last planned row: each row's forks journaled as the child journals them.
     */
    public static Path stoppedBench(Path parent, String name, TimingRow... rows) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("preset", "smoke");
        config.put("measurement", new Measurement(1, 50, ITERATIONS, 50, FORKS, FORKS, 0.05, 0));
        config.put("plannedRows", rows.length + 1);
        BenchJournal journal = BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of("config", config));
        journal.begin(session("EPYC", List.of(), "abc"));
        int sequence = 0;
        for (TimingRow row : rows) {
            for (int f = 0; f < row.samplesUs().size(); f++) {
                journal.append(new BenchJournal.Measured(new ForkSample(row.backend(), row.impl(), row.op(),
                        row.batch(), row.in(), row.out(), row.hidden(), row.dtype(), row.threads(), f + 1,
                        ++sequence, row.samplesUs().get(f), Double.NaN), null));
            }
        }
        return dir;
    }

    /** A finished bench's folder of {@code rows}, every backend run on an "EPYC" at commit "abc". */
    public static Path folder(Path parent, String name, TimingRow... rows) throws IOException {
        return folder(parent, name, environment("EPYC", List.of(), "abc"), rows);
    }

    /** A finished bench's folder of {@code rows}, every backend run on {@code environment}. */
    public static Path folder(Path parent, String name, Environment environment, TimingRow... rows)
            throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve(TimingResults.FILE_NAME), Json.write(result(environment, rows)));
        return dir;
    }

    /** A finished bench's result: the rows with their comparison columns, a child report per backend. */
    public static TimingResult result(Environment environment, TimingRow... rows) {
        List<TimingRow> filled = ComparisonColumns.fill(List.of(rows));
        List<ChildReport> reports = filled.stream().map(TimingRow::backend).distinct()
                .map(b -> new ChildReport(b, loaded(b), environment,
                        filled.stream().filter(r -> r.backend().equals(b)).toList(), List.of()))
                .toList();
        return new TimingResult(TimingResult.SCHEMA_VERSION, "bench", "2026-01-01T00:00:00Z", null, List.of(),
                reports, filled, false, List.of(), List.of(), List.of());
    }

    /** What a child of {@code backend} finds loaded: libtorch 2.4.0 for PyTorch, ND4J's build otherwise. */
    static LoadedBackend loaded(String backend) {
        Backend b = Arrays.stream(Backend.values()).filter(v -> v.label().equals(backend)).findFirst().orElseThrow();
        return b.engine() == Engine.PYTORCH
                ? new LoadedBackend(b, "libtorch 2.4.0", "PyTorch 2.4.0 (DJL 0.30.0), CPU")
                : new LoadedBackend(b, "/x/" + Backend.ND4J_PLATFORM + b.nd4jExtension() + "/libnd4jcpu.so",
                "ND4J CpuBackend, native build " + Backend.ND4J_PLATFORM + b.nd4jExtension());
    }

    /** A folder whose timing.json is the given text, for the ways a file can be broken. */
    public static Path folderWithText(Path parent, String name, String json) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve(TimingResults.FILE_NAME), json);
        return dir;
    }

    /** A valid file's text (one cpu own forward row of median 100 µs), to apply one edit to. */
    public static String validJson() {
        return Json.write(result(environment("EPYC", List.of(), "abc"), row("cpu", "own", "forward", 100)));
    }

    /** A real timing.json of schema 1 (two rows of the AMD EPYC quick run that was in results/, trimmed). */
    public static final Path SCHEMA_ONE_RESULT = Path.of("src/test/resources/dev/layerbench/report/schema-1-bench");
}
