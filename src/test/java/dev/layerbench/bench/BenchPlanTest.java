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

    @Test
    void aBuildTheCpuCannotRunIsSkippedWithItsReason() throws Exception {
        Files.createFile(BenchPlan.nativeJar(Backend.CPU_AVX512, natives));
        BenchPlan plan = BenchPlan.of(Preset.SMOKE, List.of(Backend.CPU, Backend.CPU_AVX512), ALL, natives,
                Set.of("avx2", "fma"), List.of());

        assertEquals(List.of(Backend.CPU), plan.runs().stream().map(BenchPlan.ChildRun::backend).toList());
        assertEquals(1, plan.skipped().size());
        assertTrue(plan.skipped().get(0).startsWith("cpu-avx512: skipped, this CPU lacks avx512f"),
                plan.skipped().get(0));
    }

    @Test
    void implementationsGoOnlyWhereTheyRun() {
        BenchPlan plan = BenchPlan.of(Preset.SMOKE, List.of(Backend.CPU, Backend.PYTORCH_CPU), ALL, natives,
                Set.of(), List.of());
        assertEquals(List.of(Implementation.OWN, Implementation.DL4J, Implementation.GEMM), plan.runs().get(0).impls());
        assertEquals(List.of(Implementation.PYTORCH, Implementation.GEMM), plan.runs().get(1).impls());
        assertEquals(6 + 4, plan.benchmarks().size());
    }

    @Test
    void aMissingNativeJarIsAnErrorThatSaysHowToBuildIt() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                BenchPlan.of(Preset.SMOKE, List.of(Backend.CPU_AVX2), ALL, natives, Set.of("avx2", "fma"), List.of()));
        assertTrue(e.getMessage().startsWith("--backends cpu-avx2 cannot run here: needs "), e.getMessage());
        assertTrue(e.getMessage().contains("nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -Pcpu-builds"), e.getMessage());
    }

    @Test
    void cudaWithoutItsBuildOrAGpuIsRefusedWithWhatToDo() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                BenchPlan.of(Preset.SMOKE, List.of(Backend.CUDA), ALL, natives, Set.of(), List.of()));
        assertTrue(e.getMessage().contains("mvn -Pnd4j-cuda"), e.getMessage());
        e = assertThrows(BadInputException.class, () ->
                BenchPlan.of(Preset.SMOKE, List.of(Backend.PYTORCH_CUDA), ALL, natives, Set.of(), List.of()));
        assertTrue(e.getMessage().startsWith("--backends pytorch-cuda cannot run here"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -Ppytorch-cuda"), e.getMessage());
    }

    @Test
    void nothingToMeasureIsAnError() {
        BadInputException e = assertThrows(BadInputException.class, () ->
                BenchPlan.of(Preset.SMOKE, List.of(Backend.PYTORCH_CPU), List.of(Implementation.OWN), natives,
                        Set.of(), List.of()));
        assertTrue(e.getMessage().startsWith("nothing to measure: pytorch-cpu: skipped"), e.getMessage());
    }
}
