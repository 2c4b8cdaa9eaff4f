package dev.layerbench.backend;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvironmentProbeTest {
    /** An emulated AVX2 machine is told apart from the real one only by these variables, so each must be kept. */
    @Test
    void recordsTheVariablesThatHoldNativeCodeToAnInstructionSet() {
        Map<String, String> environment = Map.of("OPENBLAS_CORETYPE", "Haswell", "ATEN_CPU_CAPABILITY", "avx2",
                "MKL_ENABLE_INSTRUCTIONS", "AVX2", "ONEDNN_MAX_CPU_ISA", "AVX2", "JAVA_TOOL_OPTIONS", "-XX:UseAVX=2",
                "HOME", "/root");

        Map<String, String> recorded = EnvironmentProbe.threadEnvironment(environment::get);

        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell", "ATEN_CPU_CAPABILITY", "avx2",
                "MKL_ENABLE_INSTRUCTIONS", "AVX2", "ONEDNN_MAX_CPU_ISA", "AVX2", "JAVA_TOOL_OPTIONS", "-XX:UseAVX=2"),
                recorded);
    }

    /** A libtorch from outside the build changes which code runs; the rows must say so. */
    @Test
    void recordsALibtorchFromOutsideTheBuildAndTheVisibleGpus() {
        Map<String, String> environment = Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch/lib", "PYTORCH_VERSION",
                "2.11.0", "CUDA_VISIBLE_DEVICES", "1", "PATH", "/usr/bin");

        assertEquals(Map.of("PYTORCH_LIBRARY_PATH", "/opt/torch/lib", "PYTORCH_VERSION", "2.11.0",
                "CUDA_VISIBLE_DEVICES", "1"), EnvironmentProbe.threadEnvironment(environment::get));
    }

    @Test
    void leavesOutWhatIsNotSet() {
        assertEquals(Map.of(), EnvironmentProbe.threadEnvironment(name -> null));
    }
}
