package dev.layerbench.backend;

/**
 * One GPU as nvidia-smi reports it; compute capability as "major.minor" (e.g. "9.0" for Hopper).
 *
 * @param cudaVersion the highest CUDA version the installed driver supports (nvidia-smi's header), or "unknown"
 */
public record GpuInfo(String name, String computeCapability, long memoryMiB, String driverVersion,
                      String cudaVersion) {
}
