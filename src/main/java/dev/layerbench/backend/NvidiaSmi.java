package dev.layerbench.backend;

import java.util.ArrayList;
import java.util.List;

/** The GPUs nvidia-smi lists; none on a machine without the NVIDIA driver. */
final class NvidiaSmi {
    private NvidiaSmi() {
    }

    static List<GpuInfo> query() {
        String out = EnvironmentProbe.run(List.of("nvidia-smi",
                "--query-gpu=name,compute_cap,memory.total,driver_version", "--format=csv,noheader,nounits"));
        return out == null ? List.of() : parse(out);
    }

    static List<GpuInfo> parse(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length == 4) {
                long memory;
                try {
                    memory = Long.parseLong(f[2].trim());
                } catch (NumberFormatException e) {
                    memory = -1;
                }
                gpus.add(new GpuInfo(f[0].trim(), f[1].trim(), memory, f[3].trim()));
            }
        }
        return gpus;
    }
}
