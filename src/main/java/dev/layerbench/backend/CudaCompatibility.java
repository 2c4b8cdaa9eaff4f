package dev.layerbench.backend;

import dev.layerbench.BadInputException;

import java.nio.file.Path;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a GPU of a given compute capability can run a CUDA library, decided from the library's fatbin alone.
 *
 * <p>NVIDIA's rules (CUDA C++ Programming Guide, "Binary Compatibility" and "PTX Compatibility"):
 * <ul>
 *   <li>machine code (cubin) for sm_XY runs on devices of the same major version X and minor version Y or
 *       higher — sm_80 runs on 8.6 and 8.9, but not on 9.0, and never on an older 7.5;</li>
 *   <li>PTX for compute_XY can be JIT-compiled by the driver for any device of capability X.Y or higher,
 *       across major versions;</li>
 *   <li>nothing else runs: a library with only sm_37 … sm_86 machine code and no PTX cannot start a single kernel
 *       on Hopper (9.0).</li>
 * </ul>
 * When a compatible cubin exists the runtime uses it rather than JIT-compiling PTX.
 *
 * <p>Not modelled: architecture-specific targets (sm_90a, sm_100a), whose code runs on exactly that
 * capability; and whether the installed driver is new enough for the library's CUDA version — this looks at
 * the GPU generation only.
 */
public final class CudaCompatibility {
    private CudaCompatibility() {
    }

    /**
     * The answer for one library on one GPU generation.
     *
     * @param runnable whether a device of that capability can run the library's kernels
     * @param reason   one sentence: what the library carries and what that means for the device
     * @param advice   what to do about it; empty when the library runs as it is
     */
    public record Verdict(boolean runnable, String reason, String advice) {
    }

    private static final Pattern CAPABILITY = Pattern.compile("(\\d{1,2})\\.(\\d)");

    /**
     * The machine code in nd4j-cuda-11.6 1.0.0-M2.1's libnd4jcuda.so, as {@link CudaFatbin#read} found it (no PTX):
     * what decides, before 2.43 GB are downloaded, whether a GPU could run that build at all.
     * scripts/gpu-profiles.sh holds the same list, and GpuScriptsTest holds the two equal.
     */
    public static final Set<Integer> ND4J_CUDA_CUBINS = Set.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

    /** {@link #check} for ND4J's CUDA build, from {@link #ND4J_CUDA_CUBINS}: no jar needed. */
    public static Verdict checkNd4jCuda(String computeCapability) {
        return check(CudaFatbin.of(Path.of(LoadedBackend.ND4J_CUDA_LIBRARY), ND4J_CUDA_CUBINS, Set.of()),
                computeCapability);
    }

    /**
     * @param computeCapability as nvidia-smi's {@code compute_cap} prints it: "major.minor", e.g. "8.6" or "9.0"
     * @throws BadInputException if the capability is not of that form
     */
    public static Verdict check(CudaFatbin fatbin, String computeCapability) {
        int device = parseCapability(computeCapability);
        String library = fatbin.file().getFileName().toString();
        String capability = capability(device);

        Integer cubin = bestCubin(fatbin.cubinArchitectures(), device);
        Integer ptx = bestPtx(fatbin.ptxArchitectures(), device);
        if (cubin != null || ptx != null) {
            // Some code fits, but each container (one per compilation unit) is loaded on its own: one without
            // code for this device leaves its kernels unable to run, whatever the others carry.
            for (CudaFatbin.CodeSet container : fatbin.containerCodeSets()) {
                if (bestCubin(container.cubin(), device) == null && bestPtx(container.ptx(), device) == null) {
                    return new Verdict(false, library + " has code for a compute capability " + capability
                            + " device in only some of its fatbins; those with " + carries(container.cubin(),
                            container.ptx()) + " cannot run there", "use the pytorch-cuda backend, or "
                            + whichGpu(container.cubin(), container.ptx(), device));
                }
            }
        }
        if (cubin != null) {
            String how = cubin == device ? "" : " (machine code runs on later minor versions of the same major "
                    + "version)";
            return new Verdict(true, library + " has machine code for sm_" + cubin + ", which a compute capability "
                    + capability + " device runs" + how, "");
        }
        if (ptx != null) {
            return new Verdict(true, library + " has no machine code for compute capability " + capability
                    + " but has PTX for compute_" + ptx + ", which the driver JIT-compiles for it",
                    "expect a slow first start while the driver compiles the PTX (it caches the result in "
                            + "~/.nv/ComputeCache); the driver must be at least as new as the CUDA toolkit that "
                            + "built " + library);
        }
        return new Verdict(false, library + " has " + carries(fatbin.cubinArchitectures(),
                fatbin.ptxArchitectures()) + "; a compute capability " + capability + " device can run none of it",
                "use the pytorch-cuda backend, or " + whichGpu(fatbin.cubinArchitectures(),
                        fatbin.ptxArchitectures(), device));
    }

    /** "8.6" → 86; "12.0" → 120. */
    static int parseCapability(String computeCapability) {
        Matcher m = CAPABILITY.matcher(computeCapability == null ? "" : computeCapability.trim());
        if (!m.matches()) {
            throw new BadInputException("GPU compute capability '" + computeCapability + "' is not of the form "
                    + "major.minor, e.g. 8.6 or 9.0.");
        }
        return Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2));
    }

    /** The cubin the runtime would pick: the newest one of the device's major version not newer than it. */
    private static Integer bestCubin(Set<Integer> cubins, int device) {
        Integer best = null;
        for (int arch : cubins) {
            if (arch / 10 == device / 10 && arch <= device && (best == null || arch > best)) {
                best = arch;
            }
        }
        return best;
    }

    /** The newest PTX not newer than the device. */
    private static Integer bestPtx(Set<Integer> ptxs, int device) {
        Integer best = null;
        for (int arch : ptxs) {
            if (arch <= device && (best == null || arch > best)) {
                best = arch;
            }
        }
        return best;
    }

    private static String carries(Set<Integer> cubins, Set<Integer> ptxs) {
        String machine = cubins.isEmpty() ? "no machine code" : "machine code for " + CudaFatbin.smList(cubins);
        String ptx = ptxs.isEmpty() ? "no PTX" : "PTX for " + CudaFatbin.smList(ptxs).replace("sm_", "compute_");
        return machine + " and " + ptx;
    }

    /** Which GPUs would run it — called only when this device cannot. */
    private static String whichGpu(Set<Integer> cubinArchs, Set<Integer> ptxArchs, int device) {
        if (!ptxArchs.isEmpty()) {              // PTX runs on everything from its capability up
            return "a GPU of compute capability " + capability(new TreeSet<>(ptxArchs).first()) + " or higher";
        }
        SortedSet<Integer> cubins = new TreeSet<>(cubinArchs);
        if (cubins.isEmpty()) {
            return "a build of the library with device code";
        }
        int newest = cubins.last();
        if (device / 10 > newest / 10) {        // the device is newer than anything the library was built for
            return "a GPU of compute capability " + capability(newest) + " or lower (or a later " + newest / 10
                    + ".x)";
        }
        // Older than, or between, the builds: name each major version's range.
        StringBuilder ranges = new StringBuilder();
        int lastMajor = -1;
        for (int arch : cubins) {
            if (arch / 10 == lastMajor) {
                continue;                       // the lowest minor of a major version covers the others
            }
            lastMajor = arch / 10;
            if (ranges.length() > 0) {
                ranges.append(", ");
            }
            ranges.append(capability(arch)).append(" to ").append(lastMajor).append(".9");
        }
        return "a GPU of compute capability " + ranges;
    }

    /** 86 → "8.6", 120 → "12.0": an architecture number as nvidia-smi writes a compute capability. */
    public static String capability(int arch) {
        return arch / 10 + "." + arch % 10;
    }
}
