package dev.layerbench.report;

import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.bench.BenchJournal;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.Json;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Hand-made bench result folders: a timing.json written the way {@code layerbench bench} writes it. */
public final class TimingFixtures {
    private TimingFixtures() {
    }

    /** A row of batch 32, in 784, out 10, no hidden layer, float32. */
    public static TimingRow row(String backend, String impl, String op, double usPerOp, double errorUs) {
        List<ForkSample> forks = List.of(
                new ForkSample(backend, impl, op, 32, 784, 10, 0, "float32", 1, 1, 1,
                        List.of(usPerOp - errorUs, usPerOp, usPerOp + errorUs), 1000.0),
                new ForkSample(backend, impl, op, 32, 784, 10, 0, "float32", 1, 2, 2,
                        List.of(usPerOp - errorUs, usPerOp, usPerOp + errorUs), 1000.0));
        return TimingRow.of(forks, 501760.0, 0.05);
    }

    /** A cpu session as a bench child journals it, on a machine with this CPU, these GPUs and this commit. */
    public static BenchJournal.Session session(String cpu, List<GpuInfo> gpus, String commit) {
        Environment environment = new Environment("0.1", commit, "node1", cpu, 2, List.of("avx2"), 1L << 34,
                "Linux", "17", "CPU", "linux-x86_64", "OPENBLAS", 1, 1, gpus, Map.of(), Map.of());
        return new BenchJournal.Session("cpu", new LoadedBackend(Backend.CPU, "/x/linux-x86_64/libnd4jcpu.so",
                "ND4J CpuBackend, native build linux-x86_64"), environment, "2026-11-26T00:00:00Z");
    }

    /**
     * A folder holding only the journal of a smoke bench of {@code own} on cpu that was stopped after
     * {@code rows} (of its three benchmarks: forward, backward, train_step).
     */
    public static Path stoppedBench(Path parent, String name, TimingRow... rows) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        BenchJournal journal = BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of("config",
                Map.of("preset", "smoke", "plannedRows", 3, "measurement",
                        new dev.layerbench.bench.Measurement(1, 10, 3, 10, 2, 2, 0.05))));
        journal.begin(session("EPYC", List.of(), "abc"));
        for (TimingRow row : rows) {
            for (int fork = 0; fork < row.samplesUs().size(); fork++) {
                journal.append(new BenchJournal.Measured(new ForkSample(row.backend(), row.impl(), row.op(),
                        row.batch(), row.in(), row.out(), row.hidden(), row.dtype(), row.threads(), fork + 1, fork + 1,
                        row.samplesUs().get(fork), row.allocBytesPerOp()), null));
            }
        }
        return dir;
    }

    public static Path folder(Path parent, String name, TimingRow... rows) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("timing.json"), Json.write(new TimingResult(TimingResult.SCHEMA_VERSION,
                "bench", "2026-01-01T00:00:00Z", null, List.of(), List.of(), List.of(rows), false, List.of(), List.of())));
        return dir;
    }

    /** A folder whose timing.json is the given text, for the ways a file can be broken. */
    public static Path folderWithText(Path parent, String name, String json) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("timing.json"), json);
        return dir;
    }

    /** A valid file's text with one edit applied, e.g. another schemaVersion. */
    public static String validJson() {
        return Json.write(new TimingResult(TimingResult.SCHEMA_VERSION, "bench", "2026-01-01T00:00:00Z", null,
                List.of(), List.of(), List.of(row("cpu", "own", "forward", 100, 5)), false, List.of(), List.of()));
    }

    /** The real quick run checked into results/, measured on a 2-core AMD EPYC with AVX-512. */
    public static final Path REAL_RESULT = Path.of("results/amd-epyc-2core-avx512/bench-quick");
}
