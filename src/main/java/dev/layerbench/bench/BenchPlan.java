package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.BuildInfo;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which child JVMs a bench run starts — one per backend that can run here and has something to run — and
 * why each other backend is left out. Built before anything is measured, so a missing native jar is an error
 * up front and an unusable build a clear line, never a silent substitution.
 *
 * @param skipped one line per backend left out, saying why
 */
public record BenchPlan(Preset preset, List<ChildRun> runs, List<String> skipped) {

    /** One child JVM: the backend it measures and the implementations it times there. */
    public record ChildRun(Backend backend, List<Implementation> impls) {
        /** Every benchmark it runs, in the order it runs them. */
        public List<Planned> benchmarks(Preset preset) {
            List<Planned> planned = new ArrayList<>();
            for (ParamGrid grid : preset.grids()) {
                for (BenchmarkShape shape : grid.shapes()) {
                    for (Implementation impl : impls) {
                        for (Operation op : impl.operations()) {
                            planned.add(new Planned(backend, impl, op, shape));
                        }
                    }
                }
            }
            return planned;
        }
    }

    /** One JMH benchmark at one shape on one backend: one row once measured. */
    public record Planned(Backend backend, Implementation impl, Operation op, BenchmarkShape shape) {
        /** The key of the {@link TimingRow} it becomes. */
        public String key() {
            return TimingRow.key(backend.label(), impl.label(), op.label(), shape.batch(), shape.in(), shape.out(),
                    shape.hidden(), shape.dtype().label());
        }
    }

    /**
     * @param natives directory holding the other ND4J builds' native jars ({@code target/natives})
     * @param cpuFlags this CPU's ISA flags
     */
    public static BenchPlan of(Preset preset, List<Backend> backends, List<Implementation> impls, Path natives,
                               Set<String> cpuFlags, List<GpuInfo> gpus) {
        List<ChildRun> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Backend backend : backends) {
            List<Implementation> runnable = impls.stream()
                    .filter(i -> i.benchmarkClass(backend.engine()) != null).toList();
            List<String> missing = BackendAvailability.missingIsa(backend, cpuFlags);
            if (runnable.isEmpty()) {
                skipped.add(backend + ": skipped, none of --impl " + impls + " runs on it");
            } else if (!missing.isEmpty()) {
                skipped.add(backend + ": skipped, this CPU lacks " + String.join(", ", missing)
                        + ", which that native build requires");
            } else {
                BackendAvailability.problem(backend, natives, cpuFlags, gpus).ifPresent(problem -> {
                    throw new BadInputException("--backends " + backend + " cannot run here: " + problem);
                });
                runs.add(new ChildRun(backend, runnable));
            }
        }
        if (runs.isEmpty()) {
            throw new BadInputException("nothing to measure: " + String.join("; ", skipped));
        }
        return new BenchPlan(preset, List.copyOf(runs), List.copyOf(skipped));
    }

    /** The native jar of a non-default ND4J build, as the cpu-builds Maven profile copies it. */
    public static Path nativeJar(Backend backend, Path natives) {
        return natives.resolve("nd4j-native-" + BuildInfo.nd4jVersion() + "-" + Backend.ND4J_PLATFORM
                + backend.nd4jExtension() + ".jar");
    }

    public List<Planned> benchmarks() {
        return runs.stream().flatMap(r -> r.benchmarks(preset).stream()).toList();
    }
}
