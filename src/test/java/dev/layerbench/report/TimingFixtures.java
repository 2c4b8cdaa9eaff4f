package dev.layerbench.report;

import dev.layerbench.bench.TimingRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Hand-made bench result folders: a timing.json written the way {@code layerbench bench} writes it. */
public final class TimingFixtures {
    private TimingFixtures() {
    }

    /** A row of batch 32, in 784, out 10, no hidden layer, float32. */
    public static TimingRow row(String backend, String impl, String op, double usPerOp, double errorUs) {
        return new TimingRow(backend, impl, op, 32, 784, 10, 0, "float32", usPerOp, errorUs, 501760.0, 1000.0,
                Double.NaN, Double.NaN);
    }

    public static Path folder(Path parent, String name, TimingRow... rows) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.writeString(dir.resolve("timing.json"), Json.write(new TimingResult(TimingResult.SCHEMA_VERSION,
                "bench", "2026-01-01T00:00:00Z", null, List.of(), List.of(), List.of(rows))));
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
                List.of(), List.of(), List.of(row("cpu", "own", "forward", 100, 5))));
    }

    /** The real quick run checked into results/, measured on a 2-core AMD EPYC with AVX-512. */
    public static final Path REAL_RESULT = Path.of("results/amd-epyc-2core-avx512/bench-quick");
}
