package dev.layerbench.bench;

import ai.djl.Device;
import dev.layerbench.backend.GpuInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A libtorch for CUDA from outside the build (DJL's PYTORCH_LIBRARY_PATH) stands in for the pytorch-cuda profile
 * only when DJL would load the right thing from it, and the rows then say which libtorch and which GPU ran.
 */
class ExternalLibtorchTest {
    @TempDir
    Path dir;

    private Optional<String> problem(Map<String, String> environment) {
        return BackendAvailability.externalTorchProblem(environment::get);
    }

    private Path libtorch(String... libraries) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("torch/lib"));
        for (String library : libraries) {
            Files.createFile(folder.resolve(library));
        }
        return folder;
    }

    @Test
    void unsetMeansBuildTheProfileOrNameOne() {
        String reason = problem(Map.of()).orElseThrow();
        assertTrue(reason.contains("mvn -Ppytorch-cuda") && reason.contains("PYTORCH_LIBRARY_PATH"), reason);
    }

    /** A folder without libtorch.so, and a libtorch for the CPU: neither can stand in for pytorch-cuda. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                            | no folder holds libtorch.so",
            "libtorch.so libtorch_cpu.so | a libtorch without libtorch_cuda.so: not one for CUDA"})
    void onlyAFolderWithALibtorchForCudaIsTaken(String libraries, String why) throws IOException {
        Path folder = libtorch(libraries == null ? new String[0] : libraries.split(" "));
        String reason = problem(Map.of("PYTORCH_LIBRARY_PATH", folder.toString(), "PYTORCH_VERSION", "2.11.0"))
                .orElseThrow();
        assertTrue(reason.contains(why), reason);
    }

    @Test
    void itsVersionMustBeDeclared() throws IOException {
        Path cuda = libtorch("libtorch.so", "libtorch_cuda.so");
        String reason = problem(Map.of("PYTORCH_LIBRARY_PATH", cuda.toString())).orElseThrow();
        assertTrue(reason.contains("PYTORCH_VERSION is not set"), reason);
    }

    /** DJL takes the first folder of the list that holds libtorch.so; a missing one before it is skipped. */
    @Test
    void aLibtorchForCudaWithItsVersionRuns() throws IOException {
        Path cuda = libtorch("libtorch.so", "libtorch_cuda.so");
        String path = dir.resolve("missing") + java.io.File.pathSeparator + cuda;
        assertEquals(Optional.empty(), problem(Map.of("PYTORCH_LIBRARY_PATH", path, "PYTORCH_VERSION", "2.11.0")));
        // as in DJL, the entry may name libtorch.so itself
        assertEquals(Optional.empty(), problem(Map.of("PYTORCH_LIBRARY_PATH", cuda.resolve("libtorch.so").toString(),
                "PYTORCH_VERSION", "2.11.0")));
    }

    @Test
    void rowsNameALibtorchFromOutsideTheBuildAndOnlyThatOne() {
        assertEquals(", libtorch from /opt/torch/lib", TorchDenseNetwork.externalLibtorch("/opt/torch/lib",
                "/opt/torch/lib"));
        assertEquals("", TorchDenseNetwork.externalLibtorch(null, "/root/.djl.ai/pytorch/2.4.0-cpu"));
    }

    private static final GpuInfo H200 = new GpuInfo("NVIDIA H200", "9.0", 143771, "580.159.04", "13.0");

    @Test
    void theGpuIsNamedWhenNoOtherCanBeMeant() {
        assertEquals("gpu(0), NVIDIA H200, compute capability 9.0",
                TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(H200), "90"));
        assertEquals("gpu(1), NVIDIA H200, compute capability 9.0",
                TorchDenseNetwork.gpuDescription(Device.gpu(1), List.of(H200, H200), "90"));
    }

    /** Where DJL cannot read CUDA's capability (no libcudart on the library path), one kind of GPU is still named. */
    @Test
    void withoutCudasCapabilityOneKindOfGpuIsNamedAndMixedOnesAreNot() {
        GpuInfo a100 = new GpuInfo("NVIDIA A100-SXM4-40GB", "8.0", 40960, "580.159.04", "13.0");
        assertEquals("gpu(0), NVIDIA H200, compute capability 9.0 (nvidia-smi's)",
                TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(H200, H200), null));
        assertEquals("gpu(0), not named (nvidia-smi lists NVIDIA A100-SXM4-40GB, NVIDIA H200), compute capability "
                + "unknown", TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(a100, H200), null));
    }

    /** CUDA's device order is not nvidia-smi's: with two kinds of GPU, index 0 may be either. */
    @Test
    void mixedGpusOrADisagreeingCapabilityLeaveItUnnamed() {
        GpuInfo a100 = new GpuInfo("NVIDIA A100-SXM4-40GB", "8.0", 40960, "580.159.04", "13.0");
        assertEquals("gpu(0), not named (nvidia-smi lists NVIDIA A100-SXM4-40GB, NVIDIA H200), compute capability 9.0",
                TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(a100, H200), "90"));
        assertEquals("gpu(0), not named (nvidia-smi lists NVIDIA H200), compute capability 8.6",
                TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(H200), "86"));
        assertEquals("gpu(0), not named (nvidia-smi lists none), compute capability 10.0",
                TorchDenseNetwork.gpuDescription(Device.gpu(0), List.of(), "100"));
    }
}
