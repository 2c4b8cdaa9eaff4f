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

    @Test
    void leavesOutWhatIsNotSet() {
        assertEquals(Map.of(), EnvironmentProbe.threadEnvironment(name -> null));
    }
}
