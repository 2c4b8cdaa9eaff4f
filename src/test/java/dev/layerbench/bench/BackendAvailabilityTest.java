package dev.layerbench.bench;

import dev.layerbench.backend.Backend;
import dev.layerbench.backend.GpuInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What doctor says of ND4J's CUDA backend on a GPU machine whose build lacks it (the default build). */
class BackendAvailabilityTest {
    private static final Path NATIVES = Path.of("target/natives");

    private static GpuInfo gpu(String name, String capability) {
        return new GpuInfo(name, capability, 81920, "580.159.04", "13.0");
    }

    private static String cudaProblem(GpuInfo gpu) {
        return BackendAvailability.problem(Backend.CUDA, NATIVES, Set.of(), List.of(gpu)).orElseThrow();
    }

    private static boolean nd4jCudaBuilt() {
        try {
            Class.forName(BackendAvailability.ND4J_CUDA_BACKEND, false, BackendAvailabilityTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** An H200 is told it can never run that build, not told to download 2.43 GB of it (as it was, section 24). */
    @Test
    void aGpuThatCouldNeverRunItIsToldSoFirst() {
        String problem = cudaProblem(gpu("NVIDIA H200", "9.0"));
        assertTrue(problem.startsWith("NVIDIA H200 (compute capability 9.0): libnd4jcuda.so has machine code for "
                + "sm_37") && problem.contains("can run none of it") && problem.contains("pytorch-cuda"), problem);
    }

    @Test
    void aGpuThatCouldRunItIsToldToBuildIt() {
        assumeFalse(nd4jCudaBuilt(), "this build has ND4J's CUDA backend");
        String problem = cudaProblem(gpu("NVIDIA A100-SXM4-80GB", "8.0"));
        assertTrue(problem.startsWith("ND4J's CUDA backend is not in this build"), problem);
    }

    /** nvidia-smi's "[N/A]" decides nothing: the build's advice stands. */
    @Test
    void anUnreadableCapabilityLeavesTheBuildsAdvice() {
        assumeFalse(nd4jCudaBuilt(), "this build has ND4J's CUDA backend");
        String problem = cudaProblem(gpu("NVIDIA Graphics Device", "[N/A]"));
        assertTrue(problem.startsWith("ND4J's CUDA backend is not in this build"), problem);
    }
}
