package dev.layerbench.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The GPUs nvidia-smi lists; none on a machine without the NVIDIA driver. */
final class NvidiaSmi {
    private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Version:\\s*([0-9.]+)");

    private NvidiaSmi() {
    }

    static List<GpuInfo> query() {
        String out = EnvironmentProbe.run(List.of("nvidia-smi",
                "--query-gpu=name,compute_cap,memory.total,driver_version", "--format=csv,noheader,nounits"));
        if (out == null) {
            return List.of();
        }
        // the CUDA version is only in the plain report's header, not among the query fields
        return parse(out, cudaVersion(EnvironmentProbe.run(List.of("nvidia-smi"))));
    }

    /** Per GPU "name: SM clock X of max Y MHz, throttle reasons Z" (nvidia-smi's bit mask; 0x0 means none). */
    static List<String> clocks() {
        String out = EnvironmentProbe.run(List.of("nvidia-smi",
                "--query-gpu=name,clocks.sm,clocks.max.sm,clocks_throttle_reasons.active",
                "--format=csv,noheader,nounits"));
        return out == null ? List.of() : parseClocks(out);
    }

    static List<String> parseClocks(String csv) {
        List<String> clocks = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] f = line.split(",");
            if (f.length == 4) {
                clocks.add(f[0].trim() + ": SM clock " + f[1].trim() + " of max " + f[2].trim()
                        + " MHz, throttle reasons " + f[3].trim());
            }
        }
        return clocks;
    }

    static List<GpuInfo> parse(String csv, String cudaVersion) {
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
                gpus.add(new GpuInfo(f[0].trim(), f[1].trim(), memory, f[3].trim(), cudaVersion));
            }
        }
        return gpus;
    }

    static String cudaVersion(String plainReport) {
        if (plainReport == null) {
            return EnvironmentProbe.UNKNOWN;
        }
        Matcher m = CUDA_VERSION.matcher(plainReport);
        return m.find() ? m.group(1) : EnvironmentProbe.UNKNOWN;
    }
}
