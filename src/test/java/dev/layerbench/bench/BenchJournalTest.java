package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.results.TimingRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.layerbench.report.TimingFixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchJournalTest {
    @TempDir
    Path dir;

    private static TimingRow row(String op) {
        return new TimingRow("cpu", "own", op, 32, 784, 10, 0, "float32", 12.5, Double.NaN, 1e6, 100, Double.NaN,
                Double.NaN);
    }

    @Test
    void sessionsAndRowsComeBackAsWrittenAndMakeTheResult() {
        // smoke, own on cpu: forward, backward and train_step at one shape
        BenchJournal journal = BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of("config",
                Map.of("preset", "smoke", "runs", List.of(Map.of("backend", "cpu", "impls", List.of("own")))),
                "skipped", List.of("cpu-avx512: skipped")));
        journal.begin(session("EPYC", List.of(), "abc"));
        journal.append(new BenchJournal.Measured(row("forward"), null));
        journal.append(new BenchJournal.Measured(row("backward"), null));

        BenchJournal read = BenchJournal.read(journal.file());
        assertEquals(1, read.sessions().size());
        assertEquals(Set.of(row("forward").key(), row("backward").key()), read.doneKeys());
        var result = read.result();
        assertEquals(2, result.rows().size());
        assertTrue(result.partial(), "2 of 3 planned rows");
        assertEquals(List.of("cpu-avx512: skipped"), result.skipped());
        assertEquals("cpu", result.backends().get(0).requestedBackend());
        assertEquals(2, result.backends().get(0).rows().size());
        assertTrue(Double.isNaN(result.rows().get(0).errorUs()), "NaN survives the journal");

        journal.append(new BenchJournal.Measured(row("train_step"), null));
        assertFalse(BenchJournal.read(journal.file()).result().partial(), "3 of 3");
    }

    @Test
    void rowsAreNotAddedBesideRowsOfAnotherMachineOrBuild() {
        BenchJournal journal = BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of());
        journal.begin(session("EPYC", List.of(), "abc"));
        journal.begin(session("EPYC", List.of(), "abc"));

        BadInputException cpu = assertThrows(BadInputException.class,
                () -> journal.begin(session("Xeon", List.of(), "abc")));
        assertTrue(cpu.getMessage().contains("CPU was EPYC x2, is Xeon x2"), cpu.getMessage());
        BadInputException gpu = assertThrows(BadInputException.class, () -> journal.begin(
                session("EPYC", List.of(new GpuInfo("NVIDIA H100", "9.0", 81559, "550", "12.4")), "abc")));
        assertTrue(gpu.getMessage().contains("GPUs was [], is [NVIDIA H100]"), gpu.getMessage());
        BadInputException build = assertThrows(BadInputException.class,
                () -> journal.begin(session("EPYC", List.of(), "def")));
        assertTrue(build.getMessage().contains("layerbench build was abc, is def"), build.getMessage());
        assertEquals(2, BenchJournal.read(journal.file()).sessions().size(), "refused sessions are not recorded");
    }

    @Test
    void everyPlannedBenchmarkHasItsOwnKey() {
        BenchPlan.ChildRun run = new BenchPlan.ChildRun(Backend.CPU,
                List.of(Implementation.OWN, Implementation.DL4J, Implementation.GEMM));
        List<BenchPlan.Planned> planned = run.benchmarks(Preset.FULL);
        Set<String> keys = new HashSet<>();
        planned.forEach(p -> assertTrue(keys.add(p.key()), "two benchmarks share " + p.key()));
        // full: 4 batches × 2 inputs × 2 outputs × 2 dtypes, plus 3 batches × 2 hidden widths × 2 dtypes
        int shapes = 4 * 2 * 2 * 2 + 3 * 2 * 2;
        assertEquals(shapes * (3 + 2 + 1), planned.size());
    }
}
