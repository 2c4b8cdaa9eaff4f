package dev.layerbench.cli;

import ai.djl.ndarray.NDArray;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.bench.BackendAgreement;
import dev.layerbench.bench.BackendAvailability;
import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.ChildProcess;
import dev.layerbench.bench.Nd4jSync;
import dev.layerbench.bench.TorchDenseNetwork;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Labelled;
import dev.layerbench.model.Network;
import dev.layerbench.model.ReferenceStep;
import dev.layerbench.results.AtomicFiles;
import dev.layerbench.results.Json;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code layerbench gpu-check --backend cuda|pytorch-cuda}: on a real GPU, whether the backend computes what the
 * CPU computes and whether its timings wait for the device. Hidden: scripts/gpu-selftest.sh runs it, with the
 * other GPU checks around it. Prints one PASS or FAIL line per check and exits 0 only when both pass; a backend
 * that cannot run here is one line on stderr and exit 1, since no check can pass.
 *
 * <p>The checks run in a JVM of their own that loads the backend exactly as {@code bench} does, and refuse to run
 * on anything else: a check that fell back to the CPU would pass and prove nothing. This class also holds the
 * checks themselves, which belong beside the benchmarks in {@code bench}; they are here while that package is
 * being rewritten.
 */
@Command(name = "gpu-check", hidden = true, mixinStandardHelpOptions = true,
        description = "Check a GPU backend on this machine's GPU: float32 results against a float64 CPU reference, "
                + "and timings that grow with the work.")
final class GpuCheckCommand implements Callable<Integer> {
    /**
     * The largest relative error (against each array's largest value, see {@link ReferenceStep.Difference}) that
     * float32 on the GPU may show against the float64 reference. float32 keeps 24 significant bits (unit roundoff
     * 6e-8); a length-K dot product summed in float32 is off by at most about K·6e-8 of the sum of its terms'
     * magnitudes, 6e-5 at K = 1024, and typically √K·6e-8 ≈ 2e-6. TF32, which tensor cores use for float32
     * products when allowed, keeps 11 bits (unit roundoff 5e-4) and is off by several 1e-4 up to 1e-3, so it fails here, as do
     * half precision, a wrong transpose and a result read before the device wrote it. PyTorch (1.12 and later) does
     * not use TF32 for float32 matmul unless torch.backends.cuda.matmul.allow_tf32 is set, which DJL never does;
     * cuBLAS 11 (ND4J's) only in CUBLAS_TF32_TENSOR_OP_MATH mode. A failure near 1e-3 on an Ampere or newer GPU
     * points at TF32 first: NVIDIA_TF32_OVERRIDE=0 turns it off for the whole process.
     */
    static final double RELATIVE_TOLERANCE = 1e-4;

    /**
     * Twice the FLOPs should take at least this many times as long. Work-bound GPU steps at these shapes scale
     * by close to 2; a clock read before the device finished times the launches, which do not grow with the
     * shape, and gives close to 1.
     */
    static final double MIN_TIME_RATIO = 1.6;

    /** A small and a larger two-layer network: GEMM libraries pick different kernels for the two. */
    static final List<BenchmarkShape> CORRECTNESS_SHAPES = List.of(
            new BenchmarkShape(128, 784, 10, 64, Dtype.FLOAT32),
            new BenchmarkShape(512, 1024, 256, 512, Dtype.FLOAT32));

    /**
     * One layer, batch 4096 and 8192, 4096 inputs and outputs: 2.7e11 and 5.5e11 FLOPs a train step, milliseconds
     * even on a large GPU, so the device's work and not the launches decides the time. The second doubles the
     * first's FLOPs.
     */
    static final BenchmarkShape TIMING_SHAPE = new BenchmarkShape(4096, 4096, 4096, 0, Dtype.FLOAT32);
    static final int TIMED_STEPS = 10;
    static final int TIMING_REPEATS = 3;

    @Spec
    CommandSpec command;

    @Option(names = "--backend", required = true, description = "cuda or pytorch-cuda.")
    String backend;

    @Option(names = "--report", hidden = true,
            description = "Run the checks in this JVM and write them here (the JVM gpu-check starts).")
    Path report;

    /** What a check found: its name, the verdict, and the numbers behind it. */
    record Check(String name, boolean passed, String detail) {
        String line(Backend backend) {
            return (passed ? "PASS " : "FAIL ") + name + " " + backend + ": " + detail;
        }
    }

    /** What the checking JVM sends back: the backend it loaded, described, and the checks. */
    record Report(String device, List<Check> checks) {
    }

    @Override
    public Integer call() {
        Backend gpuBackend = gpuBackend(backend);
        if (report != null) {
            ParentWatch.exitWhenParentDies(report);
            AtomicFiles.write(report, Json.write(runHere(gpuBackend)));
            return ExitCode.OK;
        }
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Path natives = BenchCommand.nativesDirectory();
        Optional<String> problem = BackendAvailability.problem(gpuBackend, natives);
        if (problem.isPresent()) {
            err.println("layerbench gpu-check: " + gpuBackend + " cannot run here, so nothing can be checked: "
                    + problem.get());
            err.flush();
            return ExitCode.INTERNAL_FAILURE;
        }
        Report found;
        try {
            found = ChildProcess.run(gpuBackend, natives, 1, List.of("gpu-check", "--backend", gpuBackend.label()),
                    Report.class, line -> { });
        } catch (IllegalStateException e) {
            // the checking JVM failed: a crash, a missing driver, no GPU memory; its log's end says which
            err.println("layerbench gpu-check: " + gpuBackend + ": " + e.getMessage());
            err.flush();
            return ExitCode.INTERNAL_FAILURE;
        }
        out.println("gpu-check " + gpuBackend + ": ran on " + found.device());
        found.checks().forEach(c -> out.println(c.line(gpuBackend)));
        out.flush();
        return found.checks().stream().allMatch(Check::passed) ? ExitCode.OK : ExitCode.INTERNAL_FAILURE;
    }

    static Backend gpuBackend(String text) {
        Backend parsed = Labelled.parse(Backend.class, text, "--backend");
        if (!parsed.gpu()) {
            throw new BadInputException("--backend must be a GPU backend, cuda or pytorch-cuda, got '" + text + "'");
        }
        return parsed;
    }

    /** The checks, in this JVM, which must have loaded {@code backend}. */
    private static Report runHere(Backend backend) {
        LoadedBackend loaded = BackendAvailability.loaded(backend);
        if (loaded.backend() != backend) {
            throw new IllegalStateException("asked to check " + backend + " but this JVM loaded " + loaded.backend()
                    + " (" + loaded.library() + ")");
        }
        return new Report(loaded.description(), List.of(correctness(backend, CORRECTNESS_SHAPES),
                timing(backend, TIMING_SHAPE, TIMED_STEPS, TIMING_REPEATS)));
    }

    /**
     * One forward and backward pass per shape on {@code backend}, in float32, against {@link ReferenceStep} in
     * float64 from the same float32 parameters and data: only the backend's arithmetic can differ.
     */
    static Check correctness(Backend backend, List<BenchmarkShape> shapes) {
        ReferenceStep.Difference worst = null;
        BenchmarkShape worstShape = null;
        for (BenchmarkShape shape : shapes) {
            Network network = Network.create(shape.spec());
            INDArray x = shape.inputs();
            INDArray y = shape.targets();
            Map<String, double[]> expected = ReferenceStep.of(network, x, y);
            ReferenceStep.Difference difference = ReferenceStep.Difference.of(expected,
                    BackendAgreement.step(backend, network, x, y));
            if (worst == null || !(difference.relative() <= worst.relative())) {
                worst = difference;
                worstShape = shape;
            }
        }
        boolean passed = worst.relative() <= RELATIVE_TOLERANCE;
        return new Check("correctness", passed, String.format(Locale.US,
                "float32 against float64 in plain Java on the CPU, forward, loss and gradients of %s (tanh, "
                        + "softmax-ce): %s, at %s; limit %.0e relative", labels(shapes), worst, label(worstShape),
                RELATIVE_TOLERANCE));
    }

    /**
     * The time of {@code steps} train steps, and of {@code steps} backward passes alone, each loop followed by one
     * synchronise (the benchmarks' own), at {@code shape} and at twice its batch. The train step reads its loss
     * back to the host and so waits for the device anyway; backward reads nothing back, so there only the
     * synchronise makes the clock wait. The two shapes take turns, after a warm-up, and each keeps its best of
     * {@code repeats}: a slow moment then cannot fall on one shape only.
     */
    static Check timing(Backend backend, BenchmarkShape shape, int steps, int repeats) {
        BenchmarkShape doubled = new BenchmarkShape(2 * shape.batch(), shape.in(), shape.out(), shape.hidden(),
                shape.dtype());
        try (Loops small = loops(backend, shape, steps); Loops large = loops(backend, doubled, steps)) {
            List<Runnable> timed = List.of(small.trainSteps(), large.trainSteps(), small.backwardPasses(),
                    large.backwardPasses());
            timed.forEach(Runnable::run);
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < timed.size(); i++) {
                    long start = System.nanoTime();
                    timed.get(i).run();
                    best[i] = Math.min(best[i], (System.nanoTime() - start) / 1e9);
                }
            }
            double stepRatio = best[1] / best[0];
            double backwardRatio = best[3] / best[2];
            boolean passed = stepRatio >= MIN_TIME_RATIO && backwardRatio >= MIN_TIME_RATIO;
            return new Check("timing", passed, String.format(Locale.US,
                    "%d synchronised train steps %s %.1f ms, %s %.1f ms, ratio %.2f; %d backward passes %.1f ms, "
                            + "%.1f ms, ratio %.2f; twice the FLOPs must take at least %.1f times as long",
                    steps, label(shape), best[0] * 1e3, label(doubled), best[1] * 1e3, stepRatio, steps,
                    best[2] * 1e3, best[3] * 1e3, backwardRatio, MIN_TIME_RATIO));
        }
    }

    /** The two timed loops at one shape, and what frees the device memory they hold. */
    private record Loops(Runnable trainSteps, Runnable backwardPasses, Runnable release) implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }

    private static Loops loops(Backend backend, BenchmarkShape shape, int steps) {
        Network network = Network.create(shape.spec());
        INDArray x = shape.inputs();
        INDArray y = shape.targets();
        if (backend.engine() == Engine.ND4J) {
            network.computeGradients(x, y);     // what backward() replays
            return new Loops(() -> {
                for (int i = 0; i < steps; i++) {
                    network.sgdStep(x, y, 0.01);    // plain SGD as the trainer steps it
                }
                Nd4jSync.afterOps();
            }, () -> {
                for (int i = 0; i < steps; i++) {
                    network.backward();
                }
                Nd4jSync.afterOps();
            }, () -> { });                      // ND4J frees its buffers when they are collected
        }
        TorchDenseNetwork torch = TorchDenseNetwork.copyOf(network, TorchDenseNetwork.device(backend));
        NDArray tx = torch.fromNd4j(x);
        NDArray ty = torch.fromNd4j(y);
        torch.computeGradients(tx, ty);
        return new Loops(() -> {
            for (int i = 0; i < steps; i++) {
                torch.computeGradients(tx, ty);
                torch.sgdStep(0.01);
            }
            torch.synchronize(torch.weights(0));
        }, () -> {
            for (int i = 0; i < steps; i++) {
                torch.backward();
            }
            torch.synchronize(torch.biasGradient(0));
        }, torch::close);
    }

    private static String labels(List<BenchmarkShape> shapes) {
        return String.join(" and ", shapes.stream().map(GpuCheckCommand::label).toList());
    }

    /** "512×1024→512→256": batch × inputs → hidden units (when there are) → outputs. */
    static String label(BenchmarkShape shape) {
        return BenchmarkShape.label(shape.batch(), shape.in(), shape.out(), shape.hidden());
    }
}
