package dev.layerbench.backend;

import java.util.List;
import java.util.Map;

/**
 * The machine and software a result was measured on, recorded with every result because floating-point
 * results and timings both depend on it: the same network on another BLAS, ISA or GPU gives other numbers.
 *
 * @param nd4jBackend   the backend ND4J actually initialised (e.g. "CPU"), not the one that was asked for
 * @param nd4jNativeBuild the native build loaded, e.g. "linux-x86_64" or "linux-x86_64-avx2"
 * @param elementwise   what runs activations and the loss, per dtype ({@code Elementwise#describe}); null in
 *                      results made before it was recorded
 * @param products      what runs the matrix products, with OpenBLAS's core ({@code Blas#describe}); null in results
 *                      made before it was recorded
 * @param libraries     artifact → version of the libraries on the classpath that shape results
 * @param threadEnvironment the environment variables that steer native threads and kernels (OMP_WAIT_POLICY,
 *                      OPENBLAS_CORETYPE, ATEN_CPU_CAPABILITY, JAVA_TOOL_OPTIONS…), as set
 */
public record Environment(String layerbenchVersion, String gitCommit, String hostName,
                          String cpuModel, int logicalCores, List<String> isaFlags, long memoryBytes,
                          String os, String jvm, String nd4jBackend, String nd4jNativeBuild,
                          String blasVendor, int blasThreads, int ompThreads, String elementwise, String products,
                          List<GpuInfo> gpus, Map<String, String> libraries, Map<String, String> threadEnvironment) {
}
