package dev.layerbench.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Network;
import dev.layerbench.model.ReferenceStep;
import dev.layerbench.model.ThreadPolicy;
import dev.layerbench.results.AgreementRow;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How closely a backend computes what it is timed computing: the forward output, the loss and every gradient of
 * one train step, and the parameters after {@value #SGD_STEPS} plain SGD steps, each against
 * {@link ReferenceStep}'s float64 answer in plain Java from the same parameters, inputs and targets (those of the
 * float32 network, widened, for a float32 row: only the backend's arithmetic can differ). A fast backend that
 * computes something else — TF32 products on a GPU, a wrong transpose — would otherwise only show up as a speed.
 *
 * <p>One pass per backend and run, in the child JVM that measures the backend, before its benchmarks; both dtypes,
 * two small shapes (about ten seconds on a loaded 2-core VM, mostly the reference's 400 float64 steps). It runs at one thread — ThreadPolicy.forBudget(1)
 * for ND4J, one intra-op thread for libtorch — so that its answer does not depend on --threads; the benchmarks
 * set their own counts afterwards.
 */
public final class BackendAgreement {
    /** Softmax regression and one tanh hidden layer: MNIST's width, the batch people train with. */
    static List<BenchmarkShape> shapes(Dtype dtype) {
        return List.of(new BenchmarkShape(32, 784, 10, 0, dtype), new BenchmarkShape(32, 784, 10, 64, dtype));
    }

    public static final int SGD_STEPS = 100;
    /**
     * At this step size the loss falls steadily over the 100 steps (float64: 3.14 to 0.05 without a hidden layer,
     * 2.51 to 0.12 with one): the drift is round-off accumulated along a smooth descent, not round-off amplified
     * by an unstable one.
     */
    public static final double LEARNING_RATE = 0.01;
    public static final String DRIFT = "params-after-" + SGD_STEPS + "-steps";
    static final int THREADS = 1;

    private BackendAgreement() {
    }

    /** The rows for the backend this JVM loaded, each labelled with it, the math mode and {@code commit}. */
    public static List<AgreementRow> measure(LoadedBackend loaded, String commit) {
        Backend backend = loaded.backend();
        if (backend.engine() == Engine.ND4J) {
            ThreadPolicy.forBudget(THREADS).apply();
        } else {
            TorchDenseNetwork.useIntraOpThreads(THREADS);
        }
        List<AgreementRow> rows = new ArrayList<>();
        for (Dtype dtype : Dtype.values()) {
            String mathMode = mathMode(loaded, dtype);
            for (BenchmarkShape shape : shapes(dtype)) {
                Network network = Network.create(shape.spec());
                INDArray x = shape.inputs();
                INDArray y = shape.targets();
                Map<String, double[]> expected = ReferenceStep.of(network, x, y);
                Map<String, double[]> actual = step(backend, network, x, y);
                Map<String, ReferenceStep.Difference> differences = new LinkedHashMap<>();
                for (String quantity : expected.keySet()) {
                    differences.put(quantity, ReferenceStep.Difference.of(Map.of(quantity, expected.get(quantity)),
                            Map.of(quantity, actual.get(quantity))));
                }
                // the reference first: an ND4J network trains in place, so a fresh one from the same spec trains
                differences.put(DRIFT, ReferenceStep.Difference.of(
                        ReferenceStep.afterSgd(network, x, y, LEARNING_RATE, SGD_STEPS),
                        trained(backend, shape, x, y)));
                differences.forEach((quantity, d) -> rows.add(new AgreementRow(backend.label(),
                        implementation(backend).label(), dtype.label(), shape.batch(), shape.in(), shape.out(),
                        shape.hidden(), THREADS, quantity, d.absolute(), d.relative(), mathMode, commit)));
            }
        }
        return rows;
    }

    /** The layerbench network on ND4J, or its libtorch twin: what each engine's child times. */
    static Implementation implementation(Backend backend) {
        return backend.engine() == Engine.ND4J ? Implementation.OWN : Implementation.PYTORCH;
    }

    /**
     * What {@link ReferenceStep#of} computes, computed on {@code backend} from {@code network}'s parameters: the
     * logits, the loss, and per layer dW and db, as doubles. {@code network}'s gradients are overwritten, its
     * parameters kept.
     */
    public static Map<String, double[]> step(Backend backend, Network network, INDArray x, INDArray y) {
        if (backend.engine() == Engine.ND4J) {
            Map<String, double[]> out = new LinkedHashMap<>();
            out.put("logits", host(network.forward(x)));
            out.put("loss", new double[]{network.computeGradients(x, y)});
            for (int i = 0; i < network.layers().size(); i++) {
                out.put("dW" + (i + 1), host(network.layers().get(i).weightGradient()));
                out.put("db" + (i + 1), host(network.layers().get(i).biasGradient()));
            }
            return out;
        }
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(network, TorchDenseNetwork.device(backend));
             NDScope scope = new NDScope()) {
            NDArray tx = torch.fromNd4j(x);
            NDArray ty = torch.fromNd4j(y);
            Map<String, double[]> out = new LinkedHashMap<>();
            out.put("logits", host(torch.forward(tx)));
            out.put("loss", new double[]{torch.computeGradients(tx, ty)});
            for (int i = 0; i < torch.layerCount(); i++) {
                out.put("dW" + (i + 1), host(torch.weightGradient(i)));
                out.put("db" + (i + 1), host(torch.biasGradient(i)));
            }
            return out;
        }
    }

    /** The parameters, named as {@link ReferenceStep#afterSgd} names them, after its steps taken on {@code backend}. */
    private static Map<String, double[]> trained(Backend backend, BenchmarkShape shape, INDArray x, INDArray y) {
        Network network = Network.create(shape.spec());
        Map<String, double[]> out = new LinkedHashMap<>();
        if (backend.engine() == Engine.ND4J) {
            for (int step = 0; step < SGD_STEPS; step++) {
                network.sgdStepWithoutLoss(x, y, LEARNING_RATE); // the step the bench times
            }
            for (int i = 0; i < network.layers().size(); i++) {
                out.put("W" + (i + 1), host(network.layers().get(i).weights()));
                out.put("b" + (i + 1), host(network.layers().get(i).bias()));
            }
            return out;
        }
        try (TorchDenseNetwork torch = TorchDenseNetwork.copyOf(network, TorchDenseNetwork.device(backend));
             NDScope scope = new NDScope()) {
            NDArray tx = torch.fromNd4j(x);
            NDArray ty = torch.fromNd4j(y);
            for (int step = 0; step < SGD_STEPS; step++) {
                torch.computeGradientsWithoutLoss(tx, ty);
                torch.sgdStep(LEARNING_RATE);
            }
            for (int i = 0; i < torch.layerCount(); i++) {
                out.put("W" + (i + 1), host(torch.weights(i)));
                out.put("b" + (i + 1), host(torch.bias(i)));
            }
            return out;
        }
    }

    /**
     * The settings that decide how the backend rounds, as far as they can be read. ND4J: its build and BLAS (on a
     * GPU, ND4J does not expose cuBLAS's math mode, which alone decides whether float32 GEMMs use TF32). libtorch: DJL 0.30 exposes neither
     * {@code torch.backends.cuda.matmul.allow_tf32} nor {@code float32_matmul_precision}; layerbench never sets
     * them, so libtorch's defaults hold (no TF32 for float32 products since PyTorch 1.12). On a GPU the one switch
     * that overrides every library, NVIDIA_TF32_OVERRIDE, is recorded as the process saw it.
     */
    static String mathMode(LoadedBackend loaded, Dtype dtype) {
        Backend backend = loaded.backend();
        String library = backend.engine() == Engine.ND4J
                ? loaded.description() + ", BLAS " + Nd4j.factory().blas().getBlasVendor()
                + (backend.gpu() ? " (cuBLAS math mode not readable through ND4J)" : "")
                : loaded.library() + ", float32 matmul precision / allow_tf32 not readable through DJL "
                + "(default: highest, no TF32)";
        String tf32 = backend.gpu() ? ", NVIDIA_TF32_OVERRIDE=" + System.getenv().getOrDefault(
                "NVIDIA_TF32_OVERRIDE", "unset") : "";
        return library + tf32 + ", " + dtype.label() + " throughout";
    }

    private static double[] host(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    private static double[] host(NDArray array) {
        return array.toType(DataType.FLOAT64, true).toDoubleArray();
    }
}
