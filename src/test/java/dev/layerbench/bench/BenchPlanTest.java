package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchPlanTest {
    @TempDir
    Path natives;

    private static final List<Implementation> ALL = List.of(Implementation.values());
    private static final ThreadCounts ONE = ThreadCounts.parse("1");

    private BenchPlan plan(List<Backend> backends, List<Implementation> impls, Set<String> cpuFlags,
                           List<dev.layerbench.backend.GpuInfo> gpus) {
        return BenchPlan.of(Preset.SMOKE, Preset.SMOKE.measurement(), backends, impls, ONE, null, natives, cpuFlags,
                gpus);
    }

    @Test
    void aBuildTheCpuCannotRunIsSkippedWithItsReason() throws Exception {
        Files.createFile(BenchPlan.nativeJar(Backend.CPU_AVX512, natives));
        BenchPlan plan = plan(List.of(Backend.CPU, Backend.CPU_AVX512), ALL,
                Set.of("avx2", "fma"), List.of());

        assertEquals(List.of(Backend.CPU), plan.runs().stream().map(BenchPlan.ChildRun::backend).toList());
        assertEquals(1, plan.skipped().size());
        assertTrue(plan.skipped().get(0).startsWith("cpu-avx512: skipped, this CPU lacks avx512f"),
                plan.skipped().get(0));
    }

    @Test
    void implementationsGoOnlyWhereTheyRun() {
        BenchPlan plan = plan(List.of(Backend.CPU, Backend.PYTORCH_CPU), ALL,
                Set.of(), List.of());
        assertEquals(List.of(Implementation.OWN, Implementation.DL4J, Implementation.GEMM), plan.runs().get(0).impls());
        assertEquals(List.of(Implementation.PYTORCH, Implementation.GEMM), plan.runs().get(1).impls());
        // own 3 + dl4j 2 + the ceilings of X·W, Xᵀ·G and (DL4J's) G·Wᵀ; pytorch 3 + its 2 products
        assertEquals(8 + 5, plan.benchmarks().size());
    }

    @Test
    void everyShapeIsPlannedAtEveryThreadCountAndAutoAddsTheFittedOne() {
        BenchPlan plan = BenchPlan.of(Preset.QUICK, Preset.QUICK.measurement(), List.of(Backend.CPU),
                List.of(Implementation.OWN), ThreadCounts.parse("1,auto"), null, natives, Set.of(), List.of());
        int cores = Runtime.getRuntime().availableProcessors();
        // auto gives every core to 128 and 1024 × 784 → 1024, the shapes past 16 M multiply-adds in one product, and
        // two to 128 × 784 → 10 and → 64 → 10, whose products the second lane shares; batch 1 stays on one
        int expected = Preset.QUICK.shapes().size() + (cores > 1 ? 4 : 0);
        assertEquals(expected, plan.groups().size());
        assertTrue(plan.benchmarks().stream().allMatch(p -> p.key().endsWith("|" + p.threads())));
    }

    @Test
    void aFilterKeepsTheMatchingKeysAndOneThatMatchesNothingIsAnError() {
        BenchPlan plan = BenchPlan.of(Preset.SMOKE, Preset.SMOKE.measurement(), List.of(Backend.CPU), ALL, ONE,
                "\\|own\\|train_step\\|", natives, Set.of(), List.of());
        assertEquals(List.of("cpu|own|train_step|32|784|10|0|float32|1"),
                plan.benchmarks().stream().map(BenchPlan.Planned::key).toList());
        BadInputException e = assertThrows(BadInputException.class, () -> BenchPlan.of(Preset.SMOKE,
                Preset.SMOKE.measurement(), List.of(Backend.CPU), ALL, ONE, "nothing-like-this", natives, Set.of(),
                List.of()));
        assertTrue(e.getMessage().startsWith("--filter nothing-like-this matches none of the"), e.getMessage());
    }

    @Test
    void aMissingNativeJarIsAnErrorThatSaysHowToBuildIt() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                plan(List.of(Backend.CPU_AVX2), ALL, Set.of("avx2", "fma"), List.of()));
        assertTrue(e.getMessage().startsWith("--backends cpu-avx2 cannot run here: needs "), e.getMessage());
        assertTrue(e.getMessage().contains("nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -Pcpu-builds"), e.getMessage());
    }

    @Test
    void cudaWithoutAGpuSaysSoFirstAndWithoutItsBuildSaysWhatToBuild() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                plan(List.of(Backend.CUDA), ALL, Set.of(), List.of()));
        assertTrue(e.getMessage().endsWith("no NVIDIA GPU found (nvidia-smi is absent or lists none)"),
                e.getMessage());
        List<dev.layerbench.backend.GpuInfo> ampere = List.of(
                new dev.layerbench.backend.GpuInfo("NVIDIA A100", "8.0", 40960, "550", "12.4"));
        e = assertThrows(BadInputException.class, () -> plan(List.of(Backend.CUDA), ALL, Set.of(), ampere));
        assertTrue(e.getMessage().contains("mvn -Pnd4j-cuda"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> plan(List.of(Backend.PYTORCH_CUDA), ALL, Set.of(), ampere));
        assertTrue(e.getMessage().startsWith("--backends pytorch-cuda cannot run here"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -Ppytorch-cuda"), e.getMessage());
    }

    @Test
    void nothingToMeasureIsAnError() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                plan(List.of(Backend.PYTORCH_CPU), List.of(Implementation.OWN),
                        Set.of(), List.of()));
        assertTrue(e.getMessage().startsWith("nothing to measure: pytorch-cpu: skipped"), e.getMessage());
    }
}
