package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.CudaCompatibility;
import dev.layerbench.backend.CudaFatbin;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a backend can run on this machine with this build, and if not, why and what to do — decided before
 * anything is measured, without loading any native library, so that a backend that cannot run is an error
 * message and never rows from another backend under its name.
 */
public final class BackendAvailability {
    static final String ND4J_CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** DJL's switch to a libtorch outside its native jars: a list, the first libtorch.so or folder holding it wins. */
    static final String TORCH_LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    /** The version of that libtorch, which DJL cannot read from it and takes on trust. */
    static final String TORCH_VERSION = "PYTORCH_VERSION";
    private static final String TORCH_LIBRARY = "libtorch.so";
    private static final String TORCH_CUDA_LIBRARY = "libtorch_cuda.so";

    private BackendAvailability() {
    }

    /**
     * The backend this JVM really runs for {@code requested}, found from what was loaded — asked of the running
     * JVM after the fact, so that a row names what ran, not what was asked for.
     */
    public static LoadedBackend loaded(Backend requested) {
        return requested.engine() == Engine.ND4J ? LoadedBackend.nd4j() : TorchDenseNetwork.loadedBackend(requested);
    }

    /** The reason {@code backend} cannot run here, with advice; empty when it can. */
    public static Optional<String> problem(Backend backend, Path natives, Set<String> cpuFlags, List<GpuInfo> gpus) {
        List<String> missing = missingIsa(backend, cpuFlags);
        if (!missing.isEmpty()) {
            return Optional.of("this CPU lacks " + String.join(", ", missing) + ", which that native build requires");
        }
        // no GPU first: building a GPU stack would not help a machine without one
        if (backend.gpu() && gpus.isEmpty()) {
            return Optional.of("no NVIDIA GPU found (nvidia-smi is absent or lists none)");
        }
        if (backend.extraNd4jBuild() && !Files.isRegularFile(BenchPlan.nativeJar(backend, natives))) {
            return Optional.of("needs " + BenchPlan.nativeJar(backend, natives)
                    + ": build it with 'mvn -Pcpu-builds -DskipTests package'");
        }
        if (backend == Backend.CUDA && !classPresent(ND4J_CUDA_BACKEND)) {
            Optional<String> never = nd4jCudaNeverRuns(gpus.get(0));
            if (never.isPresent()) {
                return never;
            }
            return Optional.of("ND4J's CUDA backend is not in this build: build with 'mvn -Pnd4j-cuda -DskipTests "
                    + "package' (GPUs of compute capability 3.7 to 8.9 only; scripts/gpu-profiles.sh says whether "
                    + "this machine's can run it)");
        }
        if (backend == Backend.PYTORCH_CUDA && !torchFlavorPresent("cu")) {
            Optional<String> external = externalTorchProblem(System::getenv);
            if (external.isPresent()) {
                return external;
            }
        }
        if (backend == Backend.CUDA) {
            return cudaArchitectureProblem(gpus.get(0));
        }
        return Optional.empty();
    }

    /**
     * Why no libtorch for CUDA from outside the build can stand in for the {@code pytorch-cuda} profile; empty
     * when one can. DJL loads the libtorch in the folder {@value #TORCH_LIBRARY_PATH} names instead of its native
     * jar's (for every PyTorch backend of the JVM), as the version {@value #TORCH_VERSION} declares, with a JNI
     * library built for that version: from DJL's download, or already in its cache. A machine that cannot
     * download the profile's 2.47 GB but has PyTorch for CUDA installed (a GPU machine with no registry) runs
     * {@code pytorch-cuda} that way; every row says which libtorch ran ({@link TorchDenseNetwork#engineDescription}).
     */
    static Optional<String> externalTorchProblem(Function<String, String> getenv) {
        String build = "PyTorch for CUDA is not in this build: build with 'mvn -Ppytorch-cuda -DskipTests package'";
        String path = getenv.apply(TORCH_LIBRARY_PATH);
        if (path == null || path.isBlank()) {
            return Optional.of(build + ", or name an installed libtorch for CUDA in " + TORCH_LIBRARY_PATH);
        }
        // DJL takes the first entry of the list that is libtorch.so or a folder holding it
        Optional<Path> folder = Arrays.stream(path.split(java.io.File.pathSeparator)).filter(f -> !f.isBlank())
                .map(Path::of).map(f -> Files.isRegularFile(f) && f.endsWith(TORCH_LIBRARY) ? f.getParent() : f)
                .filter(f -> f != null && Files.isRegularFile(f.resolve(TORCH_LIBRARY))).findFirst();
        if (folder.isEmpty()) {
            return Optional.of(build + "; " + TORCH_LIBRARY_PATH + " is set to '" + path + "', where no folder holds "
                    + TORCH_LIBRARY);
        }
        if (!Files.isRegularFile(folder.get().resolve(TORCH_CUDA_LIBRARY))) {
            return Optional.of(TORCH_LIBRARY_PATH + " names " + folder.get() + ", a libtorch without "
                    + TORCH_CUDA_LIBRARY + ": not one for CUDA");
        }
        String version = getenv.apply(TORCH_VERSION);
        if (version == null || version.isBlank()) {
            return Optional.of(TORCH_LIBRARY_PATH + " names " + folder.get() + " but " + TORCH_VERSION
                    + " is not set: DJL would take it for its own libtorch's version and load a JNI library built "
                    + "for that one; set it to the installed libtorch's version (python3 -c 'import torch; "
                    + "print(torch.__version__)' without its '+' part)");
        }
        return Optional.empty();
    }

    /** The ISA extensions a native build assumes that this CPU lacks. */
    static List<String> missingIsa(Backend backend, Set<String> cpuFlags) {
        return backend.requiredIsaFlags().stream().filter(f -> !cpuFlags.contains(f)).toList();
    }

    /** The same check with this machine's CPU flags and GPUs. */
    public static Optional<String> problem(Backend backend, Path natives) {
        return problem(backend, natives, Set.copyOf(EnvironmentProbe.cpuIsaFlags()),
                backend.gpu() ? EnvironmentProbe.gpus() : List.of());
    }

    /**
     * Environment variables that make a child JVM pick this backend: ND4J chooses between its CPU and CUDA
     * backends by priority when both are on the class path, and DJL between its PyTorch flavours by
     * PYTORCH_FLAVOR.
     */
    static Map<String, String> selectionEnvironment(Backend backend) {
        return switch (backend.engine()) {
            case ND4J -> backend.gpu()
                    ? Map.of("BACKEND_PRIORITY_GPU", "100", "BACKEND_PRIORITY_CPU", "0")
                    : Map.of("BACKEND_PRIORITY_CPU", "100", "BACKEND_PRIORITY_GPU", "0");
            case PYTORCH -> Map.of("PYTORCH_FLAVOR", backend.gpu() ? "cu124" : "cpu");
        };
    }

    /**
     * Why {@code gpu} could not run ND4J's CUDA build even if it were built, from the machine code that build is
     * known to carry; empty when it could, or when nvidia-smi's capability is unreadable (the build, once there,
     * is read itself). A GPU that could never run it is told so before it is told to download 2.43 GB.
     */
    static Optional<String> nd4jCudaNeverRuns(GpuInfo gpu) {
        CudaCompatibility.Verdict verdict;
        try {
            verdict = CudaCompatibility.checkNd4jCuda(gpu.computeCapability());
        } catch (BadInputException e) {
            return Optional.empty();
        }
        return verdictProblem(gpu, verdict);
    }

    private static Optional<String> verdictProblem(GpuInfo gpu, CudaCompatibility.Verdict verdict) {
        return verdict.runnable() ? Optional.empty() : Optional.of(gpu.name() + " (compute capability "
                + gpu.computeCapability() + "): " + verdict.reason() + "; " + verdict.advice());
    }

    /** Reads the SM architectures compiled into libnd4jcuda.so — no GPU needed — against the device's. */
    private static Optional<String> cudaArchitectureProblem(GpuInfo gpu) {
        Optional<Path> library = extractedCudaLibrary();
        if (library.isEmpty()) {
            return Optional.of("ND4J's CUDA classes are present but no jar on the class path holds "
                    + LoadedBackend.ND4J_CUDA_LIBRARY);
        }
        return verdictProblem(gpu, CudaCompatibility.check(CudaFatbin.read(library.get()), gpu.computeCapability()));
    }

    /**
     * The jars this JVM loads classes from: {@code java.class.path}, and under {@code java -jar layerbench.jar}
     * (where that property names the one jar) the entries of its manifest's {@code Class-Path} too.
     */
    static List<Path> classPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            entries.add(jar);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String listed = manifest == null ? null
                        : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (listed != null) {
                    for (String relative : listed.trim().split("\\s+")) {
                        entries.add(jar.toAbsolutePath().getParent().resolve(relative).normalize());
                    }
                }
            } catch (IOException e) {
                // an unreadable jar holds no library we could find either
            }
        }
        return entries;
    }

    /** libnd4jcuda.so copied out of its jar once (905 MB), into the user's cache, keyed by the jar's size. */
    static Optional<Path> extractedCudaLibrary() {
        for (Path jar : classPath()) {
            if (!jar.getFileName().toString().startsWith("nd4j-cuda-") || !Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Optional<? extends ZipEntry> so = zip.stream()
                        .filter(e -> e.getName().endsWith("/" + LoadedBackend.ND4J_CUDA_LIBRARY)).findFirst();
                if (so.isPresent()) {
                    Path target = Path.of(System.getProperty("user.home"), ".cache", "layerbench",
                            Files.size(jar) + "-" + LoadedBackend.ND4J_CUDA_LIBRARY);
                    if (!Files.isRegularFile(target) || Files.size(target) != so.get().getSize()) {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(so.get())) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    return Optional.of(target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, BackendAvailability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Whether a DJL PyTorch native jar of a flavour starting with {@code prefix} (cu…) is on the class path. */
    private static boolean torchFlavorPresent(String prefix) {
        try {
            for (URL url : Collections.list(BackendAvailability.class.getClassLoader()
                    .getResources("native/lib/pytorch.properties"))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                if (properties.getProperty("flavor", "").startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
