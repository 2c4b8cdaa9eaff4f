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
import java.util.regex.Pattern;

/**
 * What a bench run measures — every benchmark at every shape and thread count on every backend that can run here
 * — and why each other backend is left out. Built before anything is measured, so a missing native jar is an
 * error up front and an unusable build a clear line, never a silent substitution.
 *
 * @param groups   the shape × thread-count points, in the order each round visits them
 * @param skipped  one line per backend left out, saying why
 */
public record BenchPlan(Preset preset, Measurement measurement, List<ChildRun> runs, List<Group> groups,
                        String filter, List<String> skipped) {

    /** The backends a run measures, each with the implementations it times there. */
    public record ChildRun(Backend backend, List<Implementation> impls) {
    }

    /** One shape at one thread count: what one child JVM of one backend measures in one round. */
    public record Group(BenchmarkShape shape, int threads) {
    }

    /**
     * One JMH benchmark at one shape and thread count on one backend: one row once measured.
     *
     * @param product the product a ceiling ({@code gemm}) benchmark times; null for a layer's operation
     */
    public record Planned(Backend backend, Implementation impl, Operation op, Product product, BenchmarkShape shape,
                          int threads) {
        /** {@code forward}, …, or the product's label for a ceiling. */
        public String opLabel() {
            return product == null ? op.label() : product.label();
        }

        /** The key of the {@link TimingRow} it becomes. */
        public String key() {
            return TimingRow.key(backend.label(), impl.label(), opLabel(), shape.batch(), shape.in(), shape.out(),
                    shape.hidden(), shape.dtype().label(), threads);
        }

        /** The floating-point operations it performs: its products' (a ceiling's: its one product's). */
        public double flops() {
            return product != null ? product.flops() : Product.flops(impl, op, shape);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /**
     * @param natives  directory holding the other ND4J builds' native jars ({@code target/natives})
     * @param cpuFlags this CPU's ISA flags
     * @param filter   a regular expression a benchmark's key must contain a match of; null for all
     */
    public static BenchPlan of(Preset preset, Measurement measurement, List<Backend> backends,
                               List<Implementation> impls, ThreadCounts threads, String filter, Path natives,
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
        List<Group> groups = new ArrayList<>();
        for (BenchmarkShape shape : preset.shapes()) {
            for (int count : threads.at(shape)) {
                groups.add(new Group(shape, count));
            }
        }
        BenchPlan plan = new BenchPlan(preset, measurement, List.copyOf(runs), List.copyOf(groups), filter,
                List.copyOf(skipped));
        if (plan.benchmarks().isEmpty()) {
            throw new BadInputException("--filter " + filter + " matches none of the " + plan.unfiltered().size()
                    + " benchmarks, whose keys look like " + plan.unfiltered().get(0).key());
        }
        return plan;
    }

    /** What {@code run} measures of {@code group}, layer operations first, then the ceilings of their products. */
    public List<Planned> benchmarks(ChildRun run, Group group) {
        Pattern pattern = filter == null ? null : Pattern.compile(filter);
        return planned(run, group).stream().filter(p -> pattern == null || pattern.matcher(p.key()).find())
                .toList();
    }

    private static List<Planned> planned(ChildRun run, Group group) {
        List<Planned> planned = new ArrayList<>();
        for (Implementation impl : run.impls()) {
            if (impl != Implementation.GEMM) {
                for (Operation op : impl.operations()) {
                    planned.add(new Planned(run.backend(), impl, op, null, group.shape(), group.threads()));
                }
            }
        }
        if (run.impls().contains(Implementation.GEMM)) {
            // a ceiling-only run times the products of the own layer, which PyTorch's performs too
            List<Implementation> layers = run.impls().stream().filter(i -> i != Implementation.GEMM).toList();
            for (Product product : Product.distinct(group.shape(), layers.isEmpty() ? List.of(Implementation.OWN)
                    : layers)) {
                planned.add(new Planned(run.backend(), Implementation.GEMM, Operation.GEMM, product, group.shape(),
                        group.threads()));
            }
        }
        return planned;
    }

    /** Every benchmark of the run. */
    public List<Planned> benchmarks() {
        return groups.stream().flatMap(g -> runs.stream().flatMap(r -> benchmarks(r, g).stream())).toList();
    }

    private List<Planned> unfiltered() {
        return groups.stream().flatMap(g -> runs.stream().flatMap(r -> planned(r, g).stream())).toList();
    }

    /** The native jar of a non-default ND4J build, as the cpu-builds Maven profile copies it. */
    public static Path nativeJar(Backend backend, Path natives) {
        return natives.resolve("nd4j-native-" + BuildInfo.nd4jVersion() + "-" + Backend.ND4J_PLATFORM
                + backend.nd4jExtension() + ".jar");
    }
}
