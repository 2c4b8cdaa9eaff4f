package dev.layerbench.backend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NvidiaSmiTest {
    @Test
    void readsEveryGpuAndTheDriversCudaVersion() {
        String header = "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4     |";
        List<GpuInfo> gpus = NvidiaSmi.parse("NVIDIA H100 80GB HBM3, 9.0, 81559, 550.54.15\n"
                + "NVIDIA A100-SXM4-40GB, 8.0, 40960, 550.54.15\n", NvidiaSmi.cudaVersion(header));
        assertEquals(List.of(new GpuInfo("NVIDIA H100 80GB HBM3", "9.0", 81559, "550.54.15", "12.4"),
                new GpuInfo("NVIDIA A100-SXM4-40GB", "8.0", 40960, "550.54.15", "12.4")), gpus);
    }

    @Test
    void noDriverMeansNoVersion() {
        assertEquals("unknown", NvidiaSmi.cudaVersion(null));
        assertEquals(List.of(), NvidiaSmi.parse("", "unknown"));
    }
}
