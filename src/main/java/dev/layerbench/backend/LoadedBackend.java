package dev.layerbench.backend;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which backend this JVM really runs, found from what was loaded rather than from what was asked for — the
 * label every timing row carries. For ND4J that is the directory of the libnd4jcpu.so JavaCPP loaded
 * ("…/linux-x86_64-avx2/libnd4jcpu.so"); for PyTorch, the engine DJL started and its device.
 *
 * @param library the native library file behind the label, for the record
 */
public record LoadedBackend(Backend backend, String library, String description) {

    /** The native library of ND4J's CUDA backend, as JavaCPP names the file it loads. */
    public static final String ND4J_CUDA_LIBRARY = "libnd4jcuda.so";

    /** The ND4J build this JVM initialised, from the libnd4j file JavaCPP loaded. */
    public static LoadedBackend nd4j() {
        String backendName = Nd4j.getBackend().getClass().getSimpleName();
        for (Map.Entry<String, String> loaded : Loader.getLoadedLibraries().entrySet()) {
            String file = loaded.getValue();
            if (file != null && file.endsWith("/" + ND4J_CUDA_LIBRARY)) {
                return new LoadedBackend(Backend.CUDA, file, "ND4J " + backendName + " on "
                        + Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("cuda.deviceName",
                        "a CUDA device"));
            }
            if (file != null && file.endsWith("/libnd4jcpu.so")) {
                String platform = Path.of(file).getParent().getFileName().toString();
                return new LoadedBackend(Backend.ofNd4jPlatform(platform), file,
                        "ND4J " + backendName + ", native build " + platform);
            }
        }
        throw new IllegalStateException("ND4J initialised " + backendName + " but neither libnd4jcpu.so nor "
                + "libnd4jcuda.so is among the libraries JavaCPP loaded: " + Loader.getLoadedLibraries().values());
    }
}
