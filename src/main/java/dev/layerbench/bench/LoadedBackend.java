package dev.layerbench.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

    public static LoadedBackend detect(Backend requested) {
        return requested.engine() == dev.layerbench.bench.Engine.ND4J ? nd4j() : pytorch(requested);
    }

    static LoadedBackend nd4j() {
        String backendName = Nd4j.getBackend().getClass().getSimpleName();
        for (Map.Entry<String, String> loaded : Loader.getLoadedLibraries().entrySet()) {
            String file = loaded.getValue();
            if (file != null && file.endsWith("/" + BackendAvailability.ND4J_CUDA_LIBRARY)) {
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

    /** The device PyTorch really put a tensor on, asked for on {@code requested}'s kind of device. */
    static LoadedBackend pytorch(Backend requested) {
        Engine engine = Engine.getEngine(TorchDenseNetwork.ENGINE_NAME);
        Device device = TorchDenseNetwork.device(requested);
        try (NDManager manager = engine.newBaseManager(device); NDArray probe = manager.zeros(new Shape(1))) {
            Backend found = probe.getDevice().isGpu() ? Backend.PYTORCH_CUDA : Backend.PYTORCH_CPU;
            return new LoadedBackend(found, "libtorch " + engine.getVersion(),
                    TorchDenseNetwork.engineDescription() + ", tensors on " + probe.getDevice());
        }
    }
}
