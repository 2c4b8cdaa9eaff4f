package dev.layerbench.backend;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** nvidia-smi's own answers on the first GPU machine lent to the project (an H200, driver 580, 2026-12-04). */
    @Test
    void readsARealH200() throws IOException {
        List<GpuInfo> gpus = NvidiaSmi.parse(fixture("smi-query-gpus.txt"),
                NvidiaSmi.cudaVersion(fixture("smi-plain.txt")));
        assertEquals(List.of(new GpuInfo("NVIDIA H200", "9.0", 143771, "580.159.04", "13.0")), gpus);
        // throttle reason 0x1 is "GPU idle": the clock was read before any work
        assertEquals(List.of("NVIDIA H200: SM clock 345 of max 1980 MHz, throttle reasons 0x0000000000000001"),
                NvidiaSmi.parseClocks(fixture("smi-query-clocks.txt")));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NvidiaSmiTest.class.getResourceAsStream("nvidia-h200/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void noDriverMeansNoVersion() {
        assertEquals("unknown", NvidiaSmi.cudaVersion(null));
        assertEquals(List.of(), NvidiaSmi.parse("", "unknown"));
    }
}
