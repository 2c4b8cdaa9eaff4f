package dev.layerbench.backend;

import dev.layerbench.model.Labelled;

import java.util.Arrays;
import java.util.List;

/**
 * A place benchmarks run: one ND4J CPU native build, or PyTorch on the CPU.
 *
 * <p>ND4J's CPU builds differ only in their native library, which JavaCPP picks by a platform extension
 * ({@code -avx2}, {@code -onednn}…) among the native jars on the class path; each build therefore gets a JVM of
 * its own with that extension set. {@link #requiredIsaFlags} is what the build's machine code assumes: a CPU
 * without them would die on an illegal instruction, so such a build is skipped, not attempted.
 */
public enum Backend implements Labelled {
    CPU("cpu", Engine.ND4J, "", List.of(), false),
    CPU_AVX2("cpu-avx2", Engine.ND4J, "-avx2", List.of("avx2", "fma"), false),
    CPU_AVX512("cpu-avx512", Engine.ND4J, "-avx512", List.of("avx512f", "avx512bw", "avx512dq", "avx512vl"), false),
    CPU_ONEDNN("cpu-onednn", Engine.ND4J, "-onednn", List.of(), false),
    CPU_ONEDNN_AVX2("cpu-onednn-avx2", Engine.ND4J, "-onednn-avx2", List.of("avx2", "fma"), false),
    /** ND4J's CUDA backend (nd4j-cuda-11.6, the {@code nd4j-cuda} Maven profile). */
    CUDA("cuda", Engine.ND4J, "", List.of(), true),
    PYTORCH_CPU("pytorch-cpu", Engine.PYTORCH, "", List.of(), false),
    /**
     * libtorch for CUDA 12.4 (pytorch-native-cu124, the {@code pytorch-cuda} Maven profile), or an installed libtorch
     * for CUDA that PYTORCH_LIBRARY_PATH names (bench.BackendAvailability#externalTorchProblem).
     */
    PYTORCH_CUDA("pytorch-cuda", Engine.PYTORCH, "", List.of(), true);

    /** The classifier every ND4J native jar's name starts with; builds add their extension to it. */
    public static final String ND4J_PLATFORM = "linux-x86_64";

    private final String label;
    private final Engine engine;
    private final String nd4jExtension;
    private final List<String> requiredIsaFlags;
    private final boolean gpu;

    Backend(String label, Engine engine, String nd4jExtension, List<String> requiredIsaFlags, boolean gpu) {
        this.label = label;
        this.engine = engine;
        this.nd4jExtension = nd4jExtension;
        this.requiredIsaFlags = requiredIsaFlags;
        this.gpu = gpu;
    }

    /** Runs on an NVIDIA GPU: its timings need the device synchronised, its rows a GPU description. */
    public boolean gpu() {
        return gpu;
    }

    /** A CPU build of ND4J other than the default one: its natives come from target/natives. */
    public boolean extraNd4jBuild() {
        return engine == Engine.ND4J && !gpu && !nd4jExtension.isEmpty();
    }

    @Override
    public String label() {
        return label;
    }

    public Engine engine() {
        return engine;
    }

    /** JavaCPP's platform extension selecting this build's natives ("" for the default build). */
    public String nd4jExtension() {
        return nd4jExtension;
    }

    public List<String> requiredIsaFlags() {
        return requiredIsaFlags;
    }

    /** The ND4J backend label for a native library directory such as "linux-x86_64-avx2". */
    public static Backend ofNd4jPlatform(String platformDirectory) {
        for (Backend b : values()) {
            if (b.engine == Engine.ND4J && !b.gpu && (ND4J_PLATFORM + b.nd4jExtension).equals(platformDirectory)) {
                return b;
            }
        }
        throw new IllegalStateException("ND4J loaded natives for an unknown platform " + platformDirectory);
    }

    public static List<Backend> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> Labelled.parse(Backend.class, t, "--backends")).distinct().toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
