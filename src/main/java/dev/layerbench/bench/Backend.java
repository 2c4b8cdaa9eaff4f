package dev.layerbench.bench;

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
    CPU("cpu", Engine.ND4J, "", List.of()),
    CPU_AVX2("cpu-avx2", Engine.ND4J, "-avx2", List.of("avx2", "fma")),
    CPU_AVX512("cpu-avx512", Engine.ND4J, "-avx512", List.of("avx512f", "avx512bw", "avx512dq", "avx512vl")),
    CPU_ONEDNN("cpu-onednn", Engine.ND4J, "-onednn", List.of()),
    CPU_ONEDNN_AVX2("cpu-onednn-avx2", Engine.ND4J, "-onednn-avx2", List.of("avx2", "fma")),
    PYTORCH_CPU("pytorch-cpu", Engine.PYTORCH, null, List.of());

    /** The classifier every ND4J native jar's name starts with; builds add their extension to it. */
    public static final String ND4J_PLATFORM = "linux-x86_64";

    private final String label;
    private final Engine engine;
    private final String nd4jExtension;
    private final List<String> requiredIsaFlags;

    Backend(String label, Engine engine, String nd4jExtension, List<String> requiredIsaFlags) {
        this.label = label;
        this.engine = engine;
        this.nd4jExtension = nd4jExtension;
        this.requiredIsaFlags = requiredIsaFlags;
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
            if (b.engine == Engine.ND4J && (ND4J_PLATFORM + b.nd4jExtension).equals(platformDirectory)) {
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
