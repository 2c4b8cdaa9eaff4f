package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.NoiseReading;
import dev.layerbench.results.AgreementRow;
import dev.layerbench.results.ForkSample;
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

    private static final Measurement TWO_FORKS = new Measurement(1, 10, 2, 10, 2, 3, 0.05, 0);
    private static final Measurement THREE_FORKS = new Measurement(1, 10, 2, 10, 3, 4, 0.05, 0);

    private static ForkSample fork(String op, int fork, double... us) {
        return new ForkSample("cpu", "own", op, 32, 784, 10, 0, "float32", 1, fork, fork,
                java.util.Arrays.stream(us).boxed().toList(), 100);
    }

    private BenchJournal smokeJournal(int plannedRows) {
        return BenchJournal.create(dir.resolve(BenchJournal.FILE_NAME), Map.of("config",
                Map.of("preset", "smoke", "measurement", TWO_FORKS, "plannedRows", plannedRows),
                "skipped", List.of("cpu-avx512: skipped")));
    }

    @Test
    void forksComeBackAsWrittenAndMakeRowsFromAllTheirSamples() {
        BenchJournal journal = smokeJournal(2);
        journal.begin(session("EPYC", List.of(), "abc"));
        journal.append(new BenchJournal.Measured(fork("forward", 1, 10, 11), null));
        journal.append(new BenchJournal.Measured(fork("backward", 1, 20, 21), null));
        journal.warn("JMH: WARNING: something");
        journal.warn("JMH: WARNING: something");

        BenchJournal read = BenchJournal.read(journal.file());
        assertEquals(1, read.sessions().size());
        var result = read.result();
        assertEquals(2, result.rows().size());
        assertTrue(result.partial(), "one of two forks");
        assertEquals(List.of("cpu-avx512: skipped"), result.skipped());
        assertEquals("cpu", result.backends().get(0).requestedBackend());
        assertEquals(1, result.warnings().stream().filter("JMH: WARNING: something"::equals).count(),
                "a warning journaled twice is shown once: " + result.warnings());

        journal.append(new BenchJournal.Measured(fork("forward", 2, 12, 13), null));
        journal.append(new BenchJournal.Measured(fork("backward", 2, 22, 23), null));
        result = BenchJournal.read(journal.file()).result();
        assertFalse(result.partial(), "both rows have both forks");
        TimingRow forward = result.rows().get(0);
        assertEquals(List.of(List.of(10.0, 11.0), List.of(12.0, 13.0)), forward.samplesUs());
        assertEquals(11.5, forward.usPerOp(), 1e-12, "median of 10, 11, 12, 13");
        assertEquals(2, forward.forks());
        assertEquals(2.0 * 32 * 784 * 10, forward.flops(), 0.0);
    }

    @Test
    void agreementRowsComeBackInTheResultAndALineWithoutRowsIsRefused() {
        BenchJournal journal = smokeJournal(1);
        journal.begin(session("EPYC", List.of(), "abc"));
        AgreementRow row = new AgreementRow("cpu", "own", "float32", 32, 784, 10, 0, 1, "logits", 1e-8, 1.5e-7,
                "BLAS OPENBLAS, float32 throughout", "abc");
        journal.append(new BenchJournal.Agreement("cpu", List.of(row)));
        journal.append(new BenchJournal.Measured(fork("forward", 1, 10, 11), null));

        assertEquals(List.of(row), BenchJournal.read(journal.file()).result().agreement());

        journal.append(new BenchJournal.Agreement("cpu", List.of()));
        BadInputException empty = assertThrows(BadInputException.class,
                () -> BenchJournal.read(journal.file()).result());
        assertTrue(empty.getMessage().contains("a backend and its agreement rows"), empty.getMessage());
    }

    /** Found by the journal fuzz target: such a sample made the reader throw instead of refusing the file. */
    @Test
    void aSampleOfACeilingThatNamesNoProductIsRefusedNamingTheFile() {
        BenchJournal journal = smokeJournal(1);
        journal.begin(session("EPYC", List.of(), "abc"));
        journal.append(new BenchJournal.Measured(fork("gemm:rd", 1, 10, 11), null));

        BadInputException e = assertThrows(BadInputException.class, () -> BenchJournal.read(journal.file()).result());
        assertTrue(e.getMessage().startsWith(journal.file() + ": a cpu sample has op gemm:rd, which names no product "
                + "at 32×784→10"), e.getMessage());
    }

    /** Found by the journal fuzz target: a noise line without its processes made the reader throw. */
    @Test
    void aNoiseReadingWithoutItsListsIsRefusedNamingTheLine() {
        BenchJournal journal = smokeJournal(1);
        journal.noise(new NoiseReading("before", "2026-12-04T00:00:00Z", 0.1, null, null, null, List.of()));

        BadInputException e = assertThrows(BadInputException.class, () -> BenchJournal.read(journal.file()).result());
        assertTrue(e.getMessage().startsWith(journal.file() + " line 2 lacks a reading's when, busiestOthers and "
                + "gpuClocks"), e.getMessage());
    }

    @Test
    void aRowGetsThePresetsForksThenMoreOnlyWhileItMissesThePrecisionTarget() {
        BenchPlan.Planned planned = new BenchPlan.Planned(Backend.CPU, Implementation.OWN, Operation.FORWARD, null,
                BenchmarkShape.of(32, 784, 10, 0, "float32"), 1);
        Map<String, List<ForkSample>> none = Map.of();
        assertTrue(BenchRunner.needs(planned, 1, none, TWO_FORKS));
        assertTrue(BenchRunner.needs(planned, 2, none, TWO_FORKS));
        Map<String, List<ForkSample>> twoTight = Map.of(planned.key(),
                List.of(fork("forward", 1, 100, 100.1, 100.2), fork("forward", 2, 100.1, 100, 100.2)));
        assertFalse(BenchRunner.needs(planned, 2, twoTight, TWO_FORKS), "fork 2 is journaled");
        assertTrue(BenchRunner.needs(planned, 3, twoTight, TWO_FORKS),
                "two forks that agree are not yet precise: an interval needs three");
        Map<String, List<ForkSample>> tight = Map.of(planned.key(), List.of(fork("forward", 1, 100, 100.1, 100.2),
                fork("forward", 2, 100.1, 100, 100.2), fork("forward", 3, 100.2, 100.1, 100)));
        assertFalse(BenchRunner.needs(planned, 4, tight, THREE_FORKS), "within ±5% over three forks: no fourth");
        Map<String, List<ForkSample>> noisy = Map.of(planned.key(), List.of(fork("forward", 1, 100, 101, 99),
                fork("forward", 2, 150, 160, 155), fork("forward", 3, 120, 125, 130)));
        assertTrue(BenchRunner.needs(planned, 4, noisy, THREE_FORKS), "forks disagree by half: a fourth fork");
        assertFalse(BenchRunner.needs(planned, 5, noisy, THREE_FORKS), "never past the most forks");
    }

    @Test
    void aSampleTheMachineDisturbedIsSetAsideWarnedAboutAndNeedsNoExtraFork() {
        BenchPlan.Planned planned = new BenchPlan.Planned(Backend.CPU, Implementation.OWN, Operation.FORWARD, null,
                BenchmarkShape.of(32, 784, 10, 0, "float32"), 1);
        ForkSample calm = new ForkSample("cpu", "own", "forward", 32, 784, 10, 0, "float32", 1, 1, 1,
                List.of(100.0, 100.1, 100.2), 100, List.of(1.0, 2.0, 1.0), List.of(0.0, 0.0, 0.0), 2);
        ForkSample stolen = new ForkSample("cpu", "own", "forward", 32, 784, 10, 0, "float32", 1, 2, 2,
                List.of(100.1, 100.0, 260.0), 100, List.of(1.0, 2.0, 35.0), List.of(0.0, 0.0, 0.0), 2);
        ForkSample third = new ForkSample("cpu", "own", "forward", 32, 784, 10, 0, "float32", 1, 3, 3,
                List.of(100.2, 100.1, 100.0), 100, List.of(1.0, 2.0, 1.0), List.of(0.0, 0.0, 0.0), 2);
        assertFalse(BenchRunner.needs(planned, 4, Map.of(planned.key(), List.of(calm, stolen, third)), THREE_FORKS),
                "the 260 µs sample ran under 35% steal: without it the forks agree");

        BenchJournal journal = smokeJournal(1);
        journal.begin(session("EPYC", List.of(), "abc"));
        journal.append(new BenchJournal.Measured(calm, null));
        journal.append(new BenchJournal.Measured(stolen, null));
        journal.append(new BenchJournal.Measured(third, null));
        var result = BenchJournal.read(journal.file()).result();
        TimingRow row = result.rows().get(0);
        assertEquals(1, row.setAside());
        assertEquals(260.0, row.samplesUs().get(1).get(2), 0.0, "the raw sample is kept");
        assertEquals(35.0, row.interferencePercent().get(1).get(2), 1e-12);
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("1 of 9 samples set aside as disturbed")),
                result.warnings().toString());
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
        BadInputException held = assertThrows(BadInputException.class, () -> journal.begin(
                sessionWith("openblas-direct (Haswell core)", Map.of("OPENBLAS_CORETYPE", "Haswell"))));
        assertTrue(held.getMessage().contains("products was openblas-direct (SkylakeX core), is openblas-direct "
                + "(Haswell core)"), held.getMessage());
        BadInputException variables = assertThrows(BadInputException.class, () -> journal.begin(
                sessionWith("openblas-direct (SkylakeX core)", Map.of("JAVA_TOOL_OPTIONS", "-XX:UseAVX=2"))));
        assertTrue(variables.getMessage().contains("native environment was {}, is {JAVA_TOOL_OPTIONS=-XX:UseAVX=2}"),
                variables.getMessage());
        assertEquals(2, BenchJournal.read(journal.file()).sessions().size(), "refused sessions are not recorded");
    }

    /** The fixture's cpu session on the "EPYC" at "abc", with other kernels or other native variables. */
    private static BenchJournal.Session sessionWith(String products, Map<String, String> nativeEnvironment) {
        BenchJournal.Session base = session("EPYC", List.of(), "abc");
        Environment e = base.environment();
        Environment other = new Environment(e.layerbenchVersion(), e.gitCommit(), e.hostName(), e.cpuModel(),
                e.logicalCores(), e.isaFlags(), e.memoryBytes(), e.os(), e.jvm(), e.nd4jBackend(), e.nd4jNativeBuild(),
                e.blasVendor(), e.blasThreads(), e.ompThreads(), e.elementwise(), products, e.gpus(), e.libraries(),
                nativeEnvironment);
        return new BenchJournal.Session(base.requestedBackend(), base.loaded(), other, base.startedAt());
    }

    @Test
    void everyPlannedBenchmarkHasItsOwnKey(@TempDir Path natives) {
        BenchPlan plan = BenchPlan.of(Preset.FULL, Preset.FULL.measurement(), List.of(Backend.CPU),
                List.of(Implementation.OWN, Implementation.DL4J, Implementation.GEMM), ThreadCounts.parse("1,2"), null,
                natives, Set.of(), List.of());
        Set<String> keys = new HashSet<>();
        plan.benchmarks().forEach(p -> assertTrue(keys.add(p.key()), "two benchmarks share " + p.key()));
        // full: 4 batches × 2 inputs × 2 outputs × 2 dtypes without a hidden layer (own 3 + dl4j 2 + 3 products),
        // 3 batches × 2 hidden widths × 2 dtypes with one (own 3 + dl4j 2 + 6 products), at 2 thread counts
        assertEquals(2 * (4 * 2 * 2 * 2 * 8 + 3 * 2 * 2 * 11), plan.benchmarks().size());
    }
}
