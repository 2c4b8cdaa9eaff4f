package dev.layerbench.backend;

import dev.layerbench.model.Blas;
import dev.layerbench.model.Elementwise;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads the {@link Environment} off the running JVM, ND4J, {@code /proc} and {@code nvidia-smi}. Anything that
 * cannot be read is recorded as "unknown" rather than guessed.
 */
public final class EnvironmentProbe {
    static final String UNKNOWN = "unknown";

    /** ISA extensions that decide which ND4J native build can run and how fast BLAS is. */
    private static final Set<String> RELEVANT_FLAGS = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
            "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16");

    /**
     * The libraries whose version changes results or timings, each as "group:artifact" and a class it ships.
     * The version is read from the jar that holds that class: a lookup by resource name alone can answer from
     * another jar (ND4J's shaded Jackson carries a stale jackson-databind pom.properties).
     */
    private static final Map<String, String> LIBRARIES = Map.of(
            "org.nd4j:nd4j-api", "org.nd4j.linalg.factory.Nd4j",
            "org.nd4j:nd4j-native", "org.nd4j.linalg.cpu.nativecpu.CpuBackend",
            "org.deeplearning4j:deeplearning4j-nn", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "org.bytedeco:javacpp", "org.bytedeco.javacpp.Loader",
            "org.bytedeco:openblas", "org.bytedeco.openblas.global.openblas",
            "info.picocli:picocli", "picocli.CommandLine",
            "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper");

    private EnvironmentProbe() {
    }

    public static Environment capture() {
        Map<Object, Object> nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
        String cpuinfo = read(Path.of("/proc/cpuinfo"));
        return new Environment(
                BuildInfo.version(),
                BuildInfo.gitCommit(),
                hostName(),
                field(cpuinfo, "model name"),
                Runtime.getRuntime().availableProcessors(),
                cpuIsaFlags(),
                memTotalBytes(read(Path.of("/proc/meminfo"))),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                String.valueOf(nd4j.getOrDefault("backend", UNKNOWN)),
                nativeBuild(),
                String.valueOf(nd4j.getOrDefault("blas.vendor", UNKNOWN)),
                intValue(nd4j.get("blas.threads")),
                intValue(nd4j.get("omp.threads")),
                Elementwise.describe(),
                Blas.describe(),
                gpus(),
                libraryVersions(),
                threadEnvironment(System::getenv));
    }

    /** The CPU's ISA flags of interest, read from /proc/cpuinfo without starting ND4J. */
    public static List<String> cpuIsaFlags() {
        return isaFlags(field(read(Path.of("/proc/cpuinfo")), "flags"));
    }

    /** The NVIDIA GPUs nvidia-smi lists; none without the driver. */
    public static List<GpuInfo> gpus() {
        return NvidiaSmi.query();
    }

    /** JavaCPP's platform plus the extension (e.g. "-avx2") that selected the native jar ND4J loaded. */
    static String nativeBuild() {
        String platform = System.getProperty("org.bytedeco.javacpp.platform",
                org.bytedeco.javacpp.Loader.getPlatform());
        return platform + System.getProperty("org.bytedeco.javacpp.platform.extension", "");
    }

    static List<String> isaFlags(String flagsLine) {
        List<String> flags = new ArrayList<>();
        for (String flag : flagsLine.split("\\s+")) {
            if (RELEVANT_FLAGS.contains(flag)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return UNKNOWN;
    }

    static long memTotalBytes(String meminfo) {
        String kb = field(meminfo, "MemTotal").replace("kB", "").trim();
        try {
            return Long.parseLong(kb) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> libraryVersions() {
        Map<String, String> versions = new TreeMap<>();
        LIBRARIES.forEach((coordinate, className) -> versions.put(coordinate.split(":")[1],
                JarVersion.of(coordinate, className)));
        return versions;
    }

    /**
     * Variables that change how native code threads or which kernels it runs, and so timings: the thread pools'
     * settings, and the instruction sets OpenBLAS (OPENBLAS_CORETYPE), PyTorch's ATen, MKL and oneDNN are held to.
     * JAVA_TOOL_OPTIONS reaches every JVM a run starts (its children, JMH's forks), so a flag such as
     * {@code -XX:UseAVX=2}, which narrows the Vector API's lanes, is recorded where it was given that way. Which
     * native code runs at all: a libtorch from outside the build (PYTORCH_LIBRARY_PATH, and the version it is
     * declared to be, PYTORCH_VERSION), and the GPUs CUDA may use (CUDA_VISIBLE_DEVICES).
     */
    private static final List<String> NATIVE_VARIABLES = List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "GOMP_SPINCOUNT", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "ATEN_CPU_CAPABILITY",
            "MKL_ENABLE_INSTRUCTIONS", "ONEDNN_MAX_CPU_ISA", "JAVA_TOOL_OPTIONS", "PYTORCH_LIBRARY_PATH",
            "PYTORCH_VERSION", "CUDA_VISIBLE_DEVICES");

    /** {@link #NATIVE_VARIABLES} as {@code getenv} has them; absent ones are left out. */
    static Map<String, String> threadEnvironment(Function<String, String> getenv) {
        Map<String, String> set = new TreeMap<>();
        for (String name : NATIVE_VARIABLES) {
            String value = getenv.apply(name);
            if (value != null) {
                set.put(name, value);
            }
        }
        return set;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    private static int intValue(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a short command and returns its stdout, or null when it is absent, fails or hangs. */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
