package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One dense layer (softmax / logistic regression) or two (input → hidden → output), with a fused output loss.
 *
 * <p>All parameters live in one flat row vector, layer by layer {@code [W₁ᵀ, b₁, W₂ᵀ, b₂]}, each weight matrix
 * stored out × in (row o holds output unit o's incoming weights, as PyTorch's {@code nn.Linear} keeps them), and
 * all gradients in another of the same layout. The layers hold views into both, so an optimiser step over
 * the whole network is one op regardless of depth. Why out × in: a batch of one's weight gradient becomes 10
 * long rows instead of 784 short ones, and OpenBLAS 0.3.19 took X·Wᵀ and Gᵀ·X no longer than X·W and Xᵀ·G in a
 * probe of single products, less at some large shapes. JMH, against the previous layout: the batch-1 train step
 * `faster` (0.41 [0.28, 0.53] at 1 thread), the other train steps `same`, one forward `slower` (128 × 784 → 10,
 * 1.19 [1.09, 1.34]) — benchmarks/NOTES.md, section 11.
 */
public final class Network {
    private final NetworkSpec spec;
    private final Blas blas;
    private final Elementwise elementwise;
    private final INDArray parameters;
    private final INDArray gradients;
    private final List<DenseLayer> layers;
    private final Map<Integer, LossBuffers> lossBuffersByBatch = new HashMap<>();
    private INDArray lastLogits;
    private LossBuffers lastLossBuffers;

    private Network(NetworkSpec spec, Blas blas, Elementwise elementwise, INDArray parameters, INDArray gradients,
                    List<DenseLayer> layers) {
        this.spec = spec;
        this.blas = blas;
        this.elementwise = elementwise;
        this.parameters = parameters;
        this.gradients = gradients;
        this.layers = layers;
    }

    /** Builds the network and draws its starting parameters from {@code spec.seed()}. */
    public static Network create(NetworkSpec spec) {
        DataType dtype = spec.dtype().nd4j();
        long count = spec.parameterCount();
        double[] initial = new double[Math.toIntExact(count)];
        INDArray parameters = Nd4j.create(dtype, 1, count);
        INDArray gradients = Nd4j.create(dtype, 1, count);
        SplittableRandom root = new SplittableRandom(spec.seed());
        Blas blas = Blas.forCurrentBackend();
        Elementwise elementwise = Elementwise.forCurrentBackend(dtype, blas);

        int[] widths = spec.hidden() == 0
                ? new int[]{spec.inputs(), spec.outputs()}
                : new int[]{spec.inputs(), spec.hidden(), spec.outputs()};
        List<DenseLayer> layers = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            int in = widths[i];
            int out = widths[i + 1];
            boolean isOutput = i + 2 == widths.length;
            fillTransposed(spec.weightInit(), initial, offset, in, out, root.split());
            INDArray w = view(parameters, offset, out, in);
            INDArray dw = view(gradients, offset, out, in);
            offset += (long) in * out;
            fillTransposed(spec.biasInit(), initial, offset, 1, out, root.split());
            INDArray b = view(parameters, offset, 1, out);
            INDArray db = view(gradients, offset, 1, out);
            offset += out;
            Activation activation = isOutput ? Activation.IDENTITY : spec.activation();
            layers.add(new DenseLayer(in, out, activation, i > 0, blas, elementwise, w, b, dw, db));
        }
        parameters.assign(Nd4j.createFromArray(initial).reshape(1, count).castTo(dtype));
        return new Network(spec, blas, elementwise, parameters, gradients, List.copyOf(layers));
    }

    /**
     * Draws a fanIn × fanOut matrix as the initialiser defines it and stores its transpose (fanOut × fanIn) at
     * {@code offset}: the same seed gives the same weights whatever the storage order.
     */
    private static void fillTransposed(Initializer init, double[] target, long offset, int fanIn, int fanOut,
                                       SplittableRandom rng) {
        double[] values = new double[fanIn * fanOut];
        init.fill(values, fanIn, fanOut, rng);
        int start = Math.toIntExact(offset);
        for (int i = 0; i < fanIn; i++) {
            for (int o = 0; o < fanOut; o++) {
                target[start + o * fanIn + i] = values[i * fanOut + o];
            }
        }
    }

    private static INDArray view(INDArray flat, long offset, int rows, int cols) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + (long) rows * cols))
                .reshape('c', rows, cols);
    }

    /** Logits B×O of the output layer; a buffer overwritten by the next call with the same batch size. */
    public INDArray forward(INDArray input) {
        INDArray activations = input;
        // indexed: the list's iterator is 32 B of heap per call wherever C2 does not inline it away
        for (int i = 0; i < layers.size(); i++) {
            activations = layers.get(i).forward(activations);
        }
        lastLogits = activations;
        return activations;
    }

    /** The mean loss of the last forward against {@code targets}; keeps its residual for {@link #backward()}. */
    public double loss(INDArray targets) {
        lastLossBuffers = lossBuffersOfLastForward();
        return elementwise.lossAndResidual(spec.loss(), lastLogits, targets, lastLossBuffers);
    }

    /**
     * Backpropagates the last loss through every layer into {@link #gradients()}; repeatable. The loss's residual
     * enters with the batch mean's 1/B as a scale, which the output layer's products apply.
     */
    public void backward() {
        backpropagate(0.0);
    }

    /** Forward, loss and backward over one batch; fills {@link #gradients()} and returns the mean loss. */
    public double computeGradients(INDArray input, INDArray targets) {
        forward(input);
        double loss = loss(targets);
        backward();
        return loss;
    }

    /**
     * The same gradients without the loss's value, which is read on the host
     * ({@link Elementwise#lossAndResidual}): on a GPU backend that read waits for the device and copies, so a timed
     * step that does not need the loss skips it.
     */
    public void computeGradientsWithoutLoss(INDArray input, INDArray targets) {
        residualOfForward(input, targets);
        backward();
    }

    /**
     * One step of plain SGD with the update inside the backward products ({@link DenseLayer#descend}): the
     * parameters move by −{@code learningRate} times this batch's gradient, which is never stored —
     * {@link #gradients()} keeps its last values. Returns the mean loss.
     */
    public double sgdStep(INDArray input, INDArray targets, double learningRate) {
        forward(input);
        double loss = loss(targets);
        backpropagate(learningRate);
        return loss;
    }

    /** {@link #sgdStep} without the loss's value, for the reason {@link #computeGradientsWithoutLoss} gives. */
    public void sgdStepWithoutLoss(INDArray input, INDArray targets, double learningRate) {
        residualOfForward(input, targets);
        backpropagate(learningRate);
    }

    private void residualOfForward(INDArray input, INDArray targets) {
        forward(input);
        lastLossBuffers = lossBuffersOfLastForward();
        elementwise.residual(spec.loss(), lastLogits, targets, lastLossBuffers);
    }

    /** Into the gradients when {@code learningRate} is 0, else onto the parameters as SGD's step. */
    private void backpropagate(double learningRate) {
        INDArray gradient = lastLossBuffers.residual();
        double scale = 1.0 / lastLogits.rows();
        for (int i = layers.size() - 1; i >= 0; i--) {
            DenseLayer layer = layers.get(i);
            gradient = learningRate == 0.0 ? layer.backward(gradient, scale)
                    : layer.descend(gradient, scale, learningRate);
            scale = 1.0;
        }
    }

    private LossBuffers lossBuffersOfLastForward() {
        if (lastLossBuffers != null && lastLossBuffers.residual().rows() == lastLogits.rows()) {
            return lastLossBuffers; // no map lookup, whose boxed key (past 127) would allocate every step
        }
        return lossBuffersByBatch.computeIfAbsent(lastLogits.rows(),
                batch -> LossBuffers.allocate(spec.dtype().nd4j(), batch, spec.outputs()));
    }

    /** Class probabilities n×K for {@code input}, as a new array. */
    public INDArray probabilities(INDArray input) {
        INDArray out = Nd4j.create(spec.dtype().nd4j(), input.rows(), spec.classes());
        elementwise.probabilities(spec.loss(), forward(input), out);
        return out;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The BLAS this network's products run on; optimisers use it for their vector updates. */
    public Blas blas() {
        return blas;
    }

    /** What runs this network's activations and loss: the JVM's SIMD lanes or ND4J's ops. */
    public Elementwise elementwise() {
        return elementwise;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    /** The flat parameter vector (1×P) that every layer's W and b are views of. */
    public INDArray parameters() {
        return parameters;
    }

    /** The flat gradient vector (1×P), same layout as {@link #parameters()}. */
    public INDArray gradients() {
        return gradients;
    }
}
