package dev.layerbench.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.CudaCompatibility;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.model.Activation;
import dev.layerbench.model.DenseLayer;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Locale;

/**
 * The PyTorch twin of a layerbench {@link Network}: the same shapes, dtype, parameters, activation and loss, held
 * as libtorch tensors (DJL's PyTorch engine, CPU) and trained by the same algorithm, written out op by op.
 *
 * <p>The forward pass is what {@code nn.Linear} runs: libtorch's {@code linear}, which for a batch computes the
 * product and adds the bias in one call ({@code addmm}). {@code linear} takes its weight as PyTorch stores it,
 * O×I, and multiplies by its transpose — which is how our network stores its weights too ({@link Network}), so
 * both sides make the same calls with the same transpose flags: the forward {@code X·Wᵀ}, the weight gradient
 * {@code Gᵀ·X} (O×I), the input gradient {@code G·W} from the stored O×I matrix — the calls {@link Product} gives
 * the GEMM ceilings. The accessors hand the weights and their gradients out as I×O views, the shape every reader
 * of a {@link Network}'s layers sees.
 *
 * <p>The backward pass is written by hand rather than taken from autograd on purpose. Autograd would record a
 * graph on every forward and walk it on every backward — overhead our ND4J network does not pay — and it would
 * differentiate softmax and cross-entropy separately instead of using the fused {@code (p − y) / B}. The manual
 * path runs the fewest libtorch ops for this network, so it is the faster, harder-to-beat PyTorch baseline, and
 * it computes exactly what {@link Network#computeGradients} computes: the loss averaged over the batch, the fused
 * output gradient, {@code dWᵀ = dZᵀ·A} (a transposed view — libtorch's matmul passes a transpose flag to BLAS
 * rather than copying), {@code db} the column sums, and {@code dA = dZ·W} (W stored O×I) only when a layer sits
 * below.
 *
 * <p>Memory: a benchmark calls these methods millions of times, and every libtorch op returns a new tensor that
 * DJL tracks until it is closed. Each public method runs inside its own {@link NDScope}, which closes every
 * intermediate when the method returns; what must outlive the call (gradients, the activations that
 * {@link #backward()} replays) is unregistered from the scope and owned by this instance. Gradients are
 * overwritten in place ({@link NDArray#intern}), so the arrays returned by {@link #weightGradient(int)} and
 * {@link #biasGradient(int)} stay valid and current across steps. One {@link NDManager} per instance holds it all
 * and {@link #close()} frees it.
 *
 * <p>DJL must be told not to download anything: run with {@code -Dai.djl.offline=true}; libtorch comes from the
 * {@code pytorch-native-cpu} jar on the class path (extracted to {@code ~/.djl.ai} on first use). Not thread-safe.
 */
public final class TorchDenseNetwork implements AutoCloseable {
    /** DJL's name for its PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    private final NDManager manager;
    /** Known once: asking a tensor for its device is a native call, too dear for every benchmark call. */
    private final boolean onGpu;
    private final DataType dataType;
    private final Activation activation;
    private final Loss loss;
    private final NDArray[] weights;
    private final NDArray[] biases;
    private final NDArray[] weightGradients;
    private final NDArray[] biasGradients;

    /** Input of the last {@link #computeGradients}; owned by the caller, never closed here. */
    private NDArray lastInput;
    /** Hidden activations A₁ = f(Z₁) of the last {@link #computeGradients}; null without a hidden layer. */
    private NDArray lastHiddenActivation;
    /** dLoss/dLogits of the last {@link #computeGradients}. */
    private NDArray lastLogitGradient;

    private TorchDenseNetwork(NDManager manager, DataType dataType, Activation activation, Loss loss,
                              NDArray[] weights, NDArray[] biases) {
        this.manager = manager;
        this.onGpu = manager.getDevice().isGpu();
        this.dataType = dataType;
        this.activation = activation;
        this.loss = loss;
        this.weights = weights;
        this.biases = biases;
        this.weightGradients = new NDArray[weights.length];
        this.biasGradients = new NDArray[weights.length];
        for (int i = 0; i < weights.length; i++) {
            weightGradients[i] = manager.zeros(weights[i].getShape(), dataType);
            biasGradients[i] = manager.zeros(biases[i].getShape(), dataType);
        }
    }

    /** A copy of {@code network}'s current parameters, on a new CPU manager of the PyTorch engine. */
    public static TorchDenseNetwork copyOf(Network network) {
        return copyOf(network, Device.cpu());
    }

    /** The same, with its tensors on {@code device}. */
    public static TorchDenseNetwork copyOf(Network network, Device device) {
        NDManager manager = Engine.getEngine(ENGINE_NAME).newBaseManager(device);
        try {
            List<DenseLayer> layers = network.layers();
            DataType dataType = dataType(network.spec().dtype());
            NDArray[] weights = new NDArray[layers.size()];
            NDArray[] biases = new NDArray[layers.size()];
            try (NDScope scope = new NDScope()) {
                for (int i = 0; i < layers.size(); i++) {
                    weights[i] = copy(manager, layers.get(i).weights().transpose(), dataType);
                    biases[i] = copy(manager, layers.get(i).bias(), dataType);
                    NDScope.unregister(weights[i], biases[i]);
                }
            }
            return new TorchDenseNetwork(manager, dataType, network.spec().activation(), network.spec().loss(),
                    weights, biases);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The libtorch dtype of one of layerbench's dtypes. */
    public static DataType dataType(Dtype dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT64 -> DataType.FLOAT64;
        };
    }

    /** A copy of an ND4J array (any order, views included) as a tensor of the same shape owned by this network. */
    public NDArray fromNd4j(INDArray array) {
        NDArray copy;
        try (NDScope scope = new NDScope()) {
            copy = copy(manager, array, dataType);
            NDScope.unregister(copy);
        }
        NDScope.register(copy);
        return copy;
    }

    private static NDArray copy(NDManager manager, INDArray array, DataType dataType) {
        Shape shape = new Shape(array.shape());
        INDArray compact = array.dup('c');
        return dataType == DataType.FLOAT32
                ? manager.create(compact.data().asFloat(), shape)
                : manager.create(compact.data().asDouble(), shape);
    }

    /**
     * Logits B×O for {@code x} (B×I, this network's dtype). The caller owns the result: close it, or call this
     * inside an {@link NDScope}, which then closes it. Saves nothing for {@link #backward()}.
     */
    public NDArray forward(NDArray x) {
        NDArray logits;
        try (NDScope scope = new NDScope()) {
            logits = logits(x, false);
            NDScope.unregister(logits);
        }
        NDScope.register(logits);
        return logits;
    }

    /** Runs the layers inside the caller's scope; with {@code keep}, saves A₁ for the backward pass. */
    private NDArray logits(NDArray x, boolean keep) {
        if (weights.length == 1) {
            return linear(x, 0);
        }
        NDArray hidden = activate(linear(x, 0));
        if (keep) {
            lastHiddenActivation = replace(lastHiddenActivation, hidden);
        }
        return linear(hidden, 1);
    }

    /** {@code input·W + b} of one layer, in one libtorch call. */
    private NDArray linear(NDArray input, int layer) {
        return Linear.linear(input, weights[layer], biases[layer]).singletonOrThrow();
    }

    private NDArray activate(NDArray z) {
        return switch (activation) {
            case IDENTITY -> z;
            case SIGMOID -> z.getNDArrayInternal().sigmoid();
            case TANH -> z.tanh();
            case RELU -> z.getNDArrayInternal().relu();
        };
    }

    /**
     * Forward, mean loss and backward over one batch, as {@link Network#computeGradients}: fills the gradients and
     * returns the loss. {@code x} is B×I and {@code targets} one-hot B×K (softmax-ce) or a B×1 column of 0/1
     * (sigmoid-bce), both in this network's dtype; both stay the caller's, and {@code x} must stay open as long as
     * {@link #backward()} may be called.
     */
    public double computeGradients(NDArray x, NDArray targets) {
        try (NDScope scope = new NDScope()) {
            NDArray logits = logits(x, true);
            double meanLoss = meanLoss(logits, targets);
            gradients(x, logits, targets);
            return meanLoss;
        }
    }

    /**
     * The same gradients without the loss, as {@link Network#computeGradientsWithoutLoss}: nothing is read back to
     * the host, which on a GPU waits for the device and copies, so a timed step that does not need the loss skips it.
     */
    public void computeGradientsWithoutLoss(NDArray x, NDArray targets) {
        try (NDScope scope = new NDScope()) {
            gradients(x, logits(x, true), targets);
        }
    }

    private double meanLoss(NDArray logits, NDArray targets) {
        long batch = logits.getShape().get(0);
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            return -scalar(logits.logSoftmax(1).mul(targets).sum()) / batch;
        }
        // mean of softplus(z) − y·z as max(z,0) + log1p(exp(−|z|)) − y·z, as Loss does, so large |z| cannot
        // overflow; libtorch's softplus of a non-positive argument is exactly log1p(exp(·)).
        NDArray perExample = logits.abs().negi().getNDArrayInternal().softPlus()
                .addi(logits.getNDArrayInternal().relu())
                .subi(logits.mul(targets));
        return scalar(perExample.sum()) / batch;
    }

    /** Saves the fused output gradient {@code (p − y) / B} and backpropagates it, inside the caller's scope. */
    private void gradients(NDArray x, NDArray logits, NDArray targets) {
        long batch = logits.getShape().get(0);
        NDArray p = loss == Loss.SOFTMAX_CROSS_ENTROPY ? logits.softmax(1) : logits.getNDArrayInternal().sigmoid();
        lastLogitGradient = replace(lastLogitGradient, p.subi(targets).divi(batch));
        lastInput = x;
        backpropagate();
    }

    /**
     * The backward half alone: recomputes every gradient from the activations and the loss gradient saved by the
     * last {@link #computeGradients}, so a benchmark can time it separately. Saved state is only read, so calling
     * it again gives the same gradients.
     */
    public void backward() {
        if (lastLogitGradient == null) {
            throw new IllegalStateException("backward() replays the last computeGradients(x, targets); call that first");
        }
        try (NDScope scope = new NDScope()) {
            backpropagate();
        }
    }

    /** Fills the gradients, inside the caller's scope. */
    private void backpropagate() {
        NDArray dz = lastLogitGradient;
        for (int i = weights.length - 1; i >= 0; i--) {
            NDArray below = i == 0 ? lastInput : lastHiddenActivation;
            weightGradients[i].intern(gemm(dz, true, below, false));
            biasGradients[i].intern(dz.sum(new int[]{0}, true));
            if (i > 0) {
                dz = activationDerivativeTimes(lastHiddenActivation, gemm(dz, false, weights[i], false));
            }
        }
    }

    /**
     * {@code f'(Z) ⊙ dA}, from A = f(Z) alone: σ' = A(1 − A), tanh' = 1 − A², relu' = [A > 0] (A > 0 exactly when
     * Z > 0, so relu'(0) = 0 as in ND4J). Saving A instead of Z keeps one tensor per step fewer alive.
     */
    private NDArray activationDerivativeTimes(NDArray a, NDArray da) {
        return switch (activation) {
            case IDENTITY -> da;
            case SIGMOID -> a.neg().addi(1).muli(a).muli(da);
            case TANH -> a.square().negi().addi(1).muli(da);
            case RELU -> da.mul(a.gt(0));
        };
    }

    /** Plain SGD in place: {@code W −= lr·dW}, {@code b −= lr·db}. */
    public void sgdStep(double learningRate) {
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < weights.length; i++) {
                weights[i].subi(weightGradients[i].mul(learningRate));
                biases[i].subi(biasGradients[i].mul(learningRate));
            }
        }
    }

    /** Copies of every parameter, {@code [W₁, b₁, W₂, b₂]}, owned by this network, for {@link #restoreParameters}. */
    public NDList copyParameters() {
        NDList copies = new NDList();
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < weights.length; i++) {
                copies.add(weights[i].duplicate());
                copies.add(biases[i].duplicate());
            }
            NDScope.unregister(copies);
        }
        return copies;
    }

    /**
     * Overwrites every parameter with {@code saved} (from {@link #copyParameters}), in place, so that every holder
     * of a parameter tensor keeps seeing the current values.
     */
    public void restoreParameters(NDList saved) {
        NDIndex all = new NDIndex(":");
        for (int i = 0; i < weights.length; i++) {
            weights[i].set(all, saved.get(2 * i));
            biases[i].set(all, saved.get(2 * i + 1));
        }
    }

    /**
     * {@code op(a)·op(b)} as the backward pass computes its products, and the ceiling benchmark times them: a
     * transposed view where a flag is set, then matmul, which hands the view to BLAS as a transpose flag instead of
     * copying it. The result and the views are new tensors: call it inside an {@link NDScope}, which closes them.
     */
    public static NDArray gemm(NDArray a, boolean transposeA, NDArray b, boolean transposeB) {
        return (transposeA ? a.transpose() : a).matMul(transposeB ? b.transpose() : b);
    }

    /** Unregisters {@code fresh} from the current scope, so it outlives it, and closes what it replaces. */
    private static NDArray replace(NDArray old, NDArray fresh) {
        NDScope.unregister(fresh);
        if (old != null && old != fresh) {
            old.close();
        }
        return fresh;
    }

    private static double scalar(NDArray array) {
        return array.getDataType() == DataType.FLOAT64 ? array.toDoubleArray()[0] : array.toFloatArray()[0];
    }

    /** Layers: 1 without a hidden layer, else 2. */
    public int layerCount() {
        return weights.length;
    }

    /**
     * Layer {@code layer}'s weights as a new I×O view of the O×I tensor that {@link #sgdStep} updates in place;
     * the caller closes it, or a scope around the call does.
     */
    public NDArray weights(int layer) {
        return weights[layer].transpose();
    }

    /** Layer {@code layer}'s 1×O bias, updated in place by {@link #sgdStep}. */
    public NDArray bias(int layer) {
        return biases[layer];
    }

    /**
     * dLoss/dW of layer {@code layer}: a new I×O view of the O×I gradient tensor, whose storage each gradient
     * computation replaces — take it after the computation it should show; the caller closes it, or a scope does.
     */
    public NDArray weightGradient(int layer) {
        return weightGradients[layer].transpose();
    }

    /** dLoss/db (1×O) of layer {@code layer}; the same array across steps, overwritten by each gradient computation. */
    public NDArray biasGradient(int layer) {
        return biasGradients[layer];
    }

    public DataType dataType() {
        return dataType;
    }

    /** The manager that owns every tensor of this network; arrays created on it are freed by {@link #close()}. */
    public NDManager manager() {
        return manager;
    }

    /** Frees every tensor of this network (not the caller's inputs). */
    @Override
    public void close() {
        manager.close();
    }

    /** The system property bench sets on a PyTorch child JVM: "gpu" for pytorch-cuda, else the CPU. */
    public static final String DEVICE_PROPERTY = "layerbench.torch.device";

    /** The device a benchmark in this JVM should put its tensors on. */
    public static Device benchmarkDevice() {
        return "gpu".equals(System.getProperty(DEVICE_PROPERTY)) ? Device.gpu() : Device.cpu();
    }

    /**
     * Runs libtorch's intra-op work on at most {@code threads} threads from now on, and checks that it took: a
     * benchmark row states its thread budget and must never carry one it did not run with. libtorch lets the count
     * change at any time ({@code -Dai.djl.pytorch.num_threads} only sets it when the engine loads); its grain sizes
     * keep small ops on one thread whatever the count.
     */
    public static void useIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a thread budget must be at least 1, got " + threads);
        }
        Engine.getEngine(ENGINE_NAME);
        JniUtils.setNumThreads(threads);
        int running = JniUtils.getNumThreads();
        if (running != threads) {
            throw new IllegalStateException("PyTorch was asked for " + threads + " intra-op threads but runs "
                    + running + "; a row measured now would carry a thread count it did not run with");
        }
    }

    /** The device for a PyTorch backend. */
    public static Device device(Backend backend) {
        return backend.gpu() ? Device.gpu() : Device.cpu();
    }

    /**
     * Waits for the device to finish the work that produced {@code result}: CUDA runs asynchronously, so a clock
     * read before this measures only the launch. Copying one element to the host waits for the stream; on the CPU
     * libtorch has already finished and nothing is done.
     */
    public void synchronize(NDArray result) {
        if (onGpu) {
            try (NDArray first = result.flatten().get(0)) {
                first.toArray();
            }
        }
    }

    /**
     * Which libtorch ran, for the provenance of every PyTorch number, e.g.
     * "PyTorch 2.4.0 via DJL 0.30.0, 2 intra-op threads, 2 inter-op threads", the versions as the engine reports
     * them. Thread counts change timings more than anything else here, and libtorch picks them from the machine
     * unless told otherwise ({@code -Dai.djl.pytorch.num_threads=N}, read when the engine loads, or
     * {@link #useIntraOpThreads}). On a 2-core machine shared with another busy process, 2 intra-op threads made
     * one 784→10 training step about 40 times slower than 1 thread did.
     */
    public static String engineDescription() {
        Engine engine = Engine.getEngine(ENGINE_NAME);
        return String.format(Locale.US, "%s %s via DJL %s%s, %d intra-op threads, %d inter-op threads",
                engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                externalLibtorch(System.getenv(BackendAvailability.TORCH_LIBRARY_PATH), LibUtils.getLibtorchPath()),
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
    }

    /**
     * ", libtorch from FOLDER" when DJL loaded a libtorch from outside its native jars, whose version it took
     * from PYTORCH_VERSION on trust ({@link BackendAvailability#externalTorchProblem}); "" for the jar's own.
     */
    static String externalLibtorch(String libraryPath, String loadedFrom) {
        return libraryPath == null || libraryPath.isBlank() ? "" : ", libtorch from " + loadedFrom;
    }

    /**
     * The GPU a tensor is on, named: "gpu(0), NVIDIA H200, compute capability 9.0". CUDA numbers devices its own
     * way (fastest first, within CUDA_VISIBLE_DEVICES) and nvidia-smi by PCI bus, so nvidia-smi's name is given
     * only where it cannot be another GPU's: every GPU nvidia-smi lists has that name, and CUDA's compute
     * capability for the device, where it can be read, agrees with theirs.
     *
     * @param cudaCapability CUDA's compute capability of the device as DJL gives it ("90"), or null where DJL
     *                       could not read it (it asks libcudart, which the pytorch-cuda profile's libtorch carries
     *                       under another name, so only a CUDA install puts one on the library path)
     */
    static String gpuDescription(Device device, List<GpuInfo> gpus, String cudaCapability) {
        List<String> names = gpus.stream().map(GpuInfo::name).distinct().toList();
        String capability = cudaCapability == null ? null
                : CudaCompatibility.capability(Integer.parseInt(cudaCapability));
        boolean agrees = capability == null || gpus.stream().anyMatch(g -> g.computeCapability().equals(capability));
        if (names.size() == 1 && agrees) {
            return device + ", " + names.get(0) + ", compute capability "
                    + (capability != null ? capability : gpus.get(0).computeCapability() + " (nvidia-smi's)");
        }
        return device + ", not named (nvidia-smi lists " + (gpus.isEmpty() ? "none" : String.join(", ", names))
                + "), compute capability " + (capability != null ? capability : "unknown");
    }

    /** CUDA's compute capability of {@code device} as DJL reads it, or null where it cannot (see gpuDescription). */
    private static String cudaCapability(Device device) {
        try {
            return CudaUtils.getComputeCapability(device.getDeviceId());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The device PyTorch really put a tensor on, asked for on {@code requested}'s kind of device. */
    public static LoadedBackend loadedBackend(Backend requested) {
        Engine engine = Engine.getEngine(ENGINE_NAME);
        Device device = device(requested);
        try (NDManager manager = engine.newBaseManager(device); NDArray probe = manager.zeros(new Shape(1))) {
            Device on = probe.getDevice();
            Backend found = on.isGpu() ? Backend.PYTORCH_CUDA : Backend.PYTORCH_CPU;
            String where = on.isGpu() ? gpuDescription(on, EnvironmentProbe.gpus(), cudaCapability(on))
                    : on.toString();
            return new LoadedBackend(found, "libtorch " + engine.getVersion(),
                    engineDescription() + ", tensors on " + where);
        }
    }
}
