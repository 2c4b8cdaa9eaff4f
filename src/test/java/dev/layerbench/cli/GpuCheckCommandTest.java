package dev.layerbench.cli;

import dev.layerbench.backend.Backend;
import dev.layerbench.bench.BackendAvailability;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.model.Dtype;
import dev.layerbench.results.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What of {@code gpu-check} runs without a GPU: its arguments, its refusal when the backend cannot run, and the
 * checks themselves on the CPU backends — the same code the GPU runs, on another device. Whether it passes on a
 * GPU is for scripts/gpu-selftest.sh on one.
 */
class GpuCheckCommandTest {
    static {
        // Before anything touches DJL's Engine: libtorch comes from the native jar, never from the network.
        System.setProperty("ai.djl.offline", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "pytorch-cpu", "tpu"})
    void onlyAGpuBackendIsAccepted(String backend) {
        CliRun run = CliRun.of("gpu-check", "--backend", backend);
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("layerbench: --backend must be"), run.err());
    }

    @Test
    void theBackendIsRequired() {
        CliRun run = CliRun.of("gpu-check");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("--backend"), run.err());
    }

    /** On a machine without a GPU, or without the backend in its build: one line saying why, exit 1. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CUDA", "PYTORCH_CUDA"})
    void aBackendThatCannotRunHereIsOneLineAndExitOne(Backend backend) {
        assumeTrue(BackendAvailability.problem(backend, BenchCommand.nativesDirectory()).isPresent(),
                backend + " can run here");
        CliRun run = CliRun.of("gpu-check", "--backend", backend.label());
        assertEquals(ExitCode.INTERNAL_FAILURE, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("layerbench gpu-check: " + backend + " cannot run here, so nothing can be "
                + "checked: "), run.err());
    }

    /**
     * float32 on the CPU against the float64 reference, at the shapes the GPU is checked at: passes with room to
     * spare, which shows the limit leaves correct float32 arithmetic its rounding.
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "PYTORCH_CPU"})
    void correctFloat32PassesTheCorrectnessCheck(Backend backend) {
        GpuCheckCommand.Check check = GpuCheckCommand.correctness(backend, GpuCheckCommand.CORRECTNESS_SHAPES);
        assertTrue(check.passed(), check.detail());
        assertEquals("correctness", check.name());
        assertTrue(check.detail().matches("float32 against float64 in plain Java on the CPU, forward, loss and "
                + "gradients of 128×784→64→10 and 512×1024→512→256 \\(tanh, softmax-ce\\): max relative error "
                + "\\S+ \\(in \\w+\\), max absolute error \\S+, at \\S+; limit 1e-04 relative"), check.detail());
    }

    /** The timing code on the CPU, at a small shape: it runs and reports; the ratio is only meaningful on a GPU. */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"CPU", "PYTORCH_CPU"})
    void timingRunsBothShapesAndReportsTheRatios(Backend backend) {
        GpuCheckCommand.Check check = GpuCheckCommand.timing(backend,
                new BenchmarkShape(32, 64, 16, 0, Dtype.FLOAT32), 2, 1);
        assertEquals("timing", check.name());
        assertTrue(check.detail().matches("2 synchronised train steps 32×64→16 \\S+ ms, 64×64→16 \\S+ ms, ratio \\S+; "
                + "2 backward passes \\S+ ms, \\S+ ms, ratio \\S+; twice the FLOPs must take at least 1.6 times as "
                + "long"), check.detail());
    }

    @Test
    void theCheckingJvmsReportReadsBackAsWritten() throws Exception {
        GpuCheckCommand.Report report = new GpuCheckCommand.Report("ND4J JCublasBackend on NVIDIA A100",
                List.of(new GpuCheckCommand.Check("correctness", true, "max relative error 1e-06"),
                        new GpuCheckCommand.Check("timing", false, "ratio 1.02")));
        assertEquals(report, Json.mapper().readValue(Json.write(report), GpuCheckCommand.Report.class));
    }

    @Test
    void aCheckIsOneLineStartingWithItsVerdict() {
        assertEquals("PASS timing cuda: ratio 1.98",
                new GpuCheckCommand.Check("timing", true, "ratio 1.98").line(Backend.CUDA));
        assertEquals("FAIL correctness pytorch-cuda: off",
                new GpuCheckCommand.Check("correctness", false, "off").line(Backend.PYTORCH_CUDA));
        assertEquals("4096×4096→4096", GpuCheckCommand.label(GpuCheckCommand.TIMING_SHAPE));
    }
}
