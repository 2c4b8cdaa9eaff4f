package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * One fully connected layer, {@code Z = X·W + b}, {@code A = f(Z)}, with X of shape B×I and W of shape I×O —
 * stored as its transpose Wᵀ (O×I, the network's layout, see {@link Network}), so the products below read it
 * with the transpose flag the other way round.
 *
 * <p>Its parameters and gradients are views into the owning network's flat arrays, so an optimiser updates the
 * whole network in one call. Activation buffers are allocated once per batch size and reused: a training step
 * allocates nothing parameter- or batch-sized. Everything linear is a BLAS product with transpose flags — no
 * materialised transpose, and no broadcast op for the bias either:
 * <pre>
 *   Z  = 1·b + X·(Wᵀ)ᵀ       (a rank-1 product, then X·W accumulated onto it)
 *   dWᵀ = s·Gᵀ·X,  db = s·1ᵀ·G,  dX = s·G·Wᵀ     with dL/dZ = s·G
 * </pre>
 * where the scale {@code s} lets the loss hand over its residual {@code p − y} and the 1/B of the batch mean
 * ride along in the products' α instead of costing an op of its own.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final boolean hasLayerBelow;
    private final Blas blas;
    private final Elementwise elementwise;
    /** Wᵀ, O×I: what the products use. */
    private final INDArray weightsByOutput;
    /** W, I×O: a transposed view of the same memory, for readers. */
    private final INDArray weights;
    private final INDArray bias;
    private final INDArray weightGradientByOutput;
    private final INDArray weightGradient;
    private final INDArray biasGradient;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private INDArray lastInput;
    private Buffers last;

    /**
     * Pre-activation Z, activation A, dL/dZ, dL/dX and a column of ones. For identity, A is Z itself and dL/dZ is
     * the incoming gradient (so that buffer is null); dL/dX is null when no layer sits below.
     */
    private record Buffers(INDArray z, INDArray a, INDArray preActivationGradient, INDArray inputGradient,
                           INDArray ones) {
    }

    DenseLayer(int inputs, int outputs, Activation activation, boolean hasLayerBelow, Blas blas,
               Elementwise elementwise, INDArray weightsByOutput, INDArray bias, INDArray weightGradientByOutput,
               INDArray biasGradient) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.hasLayerBelow = hasLayerBelow;
        this.blas = blas;
        this.elementwise = elementwise;
        this.weightsByOutput = weightsByOutput;
        this.weights = weightsByOutput.transpose();
        this.bias = bias;
        this.weightGradientByOutput = weightGradientByOutput;
        this.weightGradient = weightGradientByOutput.transpose();
        this.biasGradient = biasGradient;
    }

    /** Returns A, a buffer owned by this layer and overwritten by the next forward of the same batch size. */
    public INDArray forward(INDArray input) {
        // the last batch size's buffers without a map lookup, whose boxed key (past 127) would allocate every step
        Buffers b = last != null && last.z.rows() == input.rows() ? last
                : buffersByBatch.computeIfAbsent(input.rows(), this::allocate);
        blas.gemm(b.ones, false, bias, false, 1.0, 0.0, b.z);
        blas.gemm(input, false, weightsByOutput, true, 1.0, 1.0, b.z);
        elementwise.activate(activation, b.z, b.a);
        lastInput = input;
        last = b;
        return b.a;
    }

    /**
     * Given {@code G} with dL/dA = {@code scale}·G for the last forward, fills this layer's weight and bias
     * gradients and returns dL/dX (already scaled) when a layer sits below, else null: the first layer's input
     * gradient would cost a third product for nothing. Reads but never overwrites the forward's buffers, so it
     * can be repeated.
     */
    public INDArray backward(INDArray activationGradient, double scale) {
        return backpropagate(activationGradient, scale, scale, 0.0, weightGradientByOutput, biasGradient);
    }

    /**
     * {@link #backward} and plain SGD's update in one: the weight and bias products add −{@code learningRate}
     * times the gradient straight onto the parameters (β = 1) instead of writing the gradients, which keep their
     * last values. It spares memory traffic, not arithmetic — the gradient's write, then the update's read of it
     * and its pass over the parameters: three times the parameters' size: a batch of one's step at 784 → 1024
     * took 0.4 of its time on the Intel VM, the batch-128 and -1024 steps the same within the noise
     * (benchmarks/NOTES.md §17). dL/dX is computed before the weights move.
     */
    public INDArray descend(INDArray activationGradient, double scale, double learningRate) {
        return backpropagate(activationGradient, scale, -learningRate * scale, 1.0, weightsByOutput, bias);
    }

    /** dL/dX into its buffer, then {@code targets = parameterScale·dL/d(W, b) + beta·targets}. */
    private INDArray backpropagate(INDArray activationGradient, double scale, double parameterScale, double beta,
                                   INDArray weightTarget, INDArray biasTarget) {
        INDArray dz = activation == Activation.IDENTITY ? activationGradient : last.preActivationGradient;
        elementwise.activationGradient(activation, last.z, last.a, activationGradient, dz);
        if (hasLayerBelow) {
            blas.gemm(dz, false, weightsByOutput, false, scale, 0.0, last.inputGradient);
        }
        blas.gemm(dz, true, lastInput, false, parameterScale, beta, weightTarget);
        blas.gemm(last.ones, true, dz, false, parameterScale, beta, biasTarget);
        return hasLayerBelow ? last.inputGradient : null;
    }

    private Buffers allocate(int batch) {
        INDArray z = Nd4j.create(weights.dataType(), batch, outputs);
        boolean identity = activation == Activation.IDENTITY;
        INDArray a = identity ? z : Nd4j.create(weights.dataType(), batch, outputs);
        INDArray dz = identity ? null : Nd4j.create(weights.dataType(), batch, outputs);
        INDArray inputGradient = hasLayerBelow ? Nd4j.create(weights.dataType(), batch, inputs) : null;
        return new Buffers(z, a, dz, inputGradient, Nd4j.ones(weights.dataType(), batch, 1));
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public Activation activation() {
        return activation;
    }

    /** W as I×O: a view into the network's parameters, which store it transposed (O×I). */
    public INDArray weights() {
        return weights;
    }

    /** 1×O view into the network's parameters. */
    public INDArray bias() {
        return bias;
    }

    /** dL/dW as I×O: a view into the network's gradients, stored transposed like the weights. */
    public INDArray weightGradient() {
        return weightGradient;
    }

    public INDArray biasGradient() {
        return biasGradient;
    }
}
