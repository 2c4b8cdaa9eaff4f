package dev.layerbench.backend;

/** One GPU as nvidia-smi reports it; compute capability as "major.minor" (e.g. "9.0" for Hopper). */
public record GpuInfo(String name, String computeCapability, long memoryMiB, String driverVersion) {
}
