package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * One fully connected layer, {@code Z = X·W + b}, {@code A = f(Z)}, with X of shape B×I and W of shape I×O.
 *
 * <p>Its parameters and gradients are views into the owning network's flat arrays, so an optimiser updates the
 * whole network in one op. Activation buffers are allocated once per batch size and reused: a training step
 * allocates nothing parameter- or batch-sized. Products use gemm with transpose flags, never a materialised
 * transpose: {@code dW = Xᵀ·dZ}, {@code dX = dZ·Wᵀ}.
 */
public final class DenseLayer {
    private final int inputs;
    private final int outputs;
    private final Activation activation;
    private final boolean hasLayerBelow;
    private final INDArray weights;
    private final INDArray bias;
    private final INDArray weightGradient;
    private final INDArray biasGradient;
    private final Map<Integer, Buffers> buffersByBatch = new HashMap<>();
    private INDArray lastInput;
    private Buffers last;

    /**
     * Pre-activation Z, activation A, dL/dZ, and dL/dX. For identity, A is Z itself and dL/dZ is the incoming
     * gradient (so that buffer is null); dL/dX is null when no layer sits below.
     */
    private record Buffers(INDArray z, INDArray a, INDArray preActivationGradient, INDArray inputGradient) {
    }

    DenseLayer(int inputs, int outputs, Activation activation, boolean hasLayerBelow,
               INDArray weights, INDArray bias, INDArray weightGradient, INDArray biasGradient) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.hasLayerBelow = hasLayerBelow;
        this.weights = weights;
        this.bias = bias;
        this.weightGradient = weightGradient;
        this.biasGradient = biasGradient;
    }

    /** Returns A, a buffer owned by this layer and overwritten by the next forward of the same batch size. */
    public INDArray forward(INDArray input) {
        Buffers b = buffersByBatch.computeIfAbsent(input.rows(), this::allocate);
        Nd4j.gemm(input, weights, b.z, false, false, 1.0, 0.0);
        b.z.addiRowVector(bias);
        activation.apply(b.z, b.a);
        lastInput = input;
        last = b;
        return b.a;
    }

    /**
     * Given dL/dA of the last forward, fills this layer's weight and bias gradients and returns dL/dX when a layer
     * sits below (else null: the first layer's input gradient would cost a third gemm for nothing). Reads but
     * never overwrites the forward's buffers, so it can be repeated.
     */
    public INDArray backward(INDArray activationGradient) {
        INDArray dz = activation == Activation.IDENTITY ? activationGradient : last.preActivationGradient;
        activation.backprop(last.z, activationGradient, dz);
        Nd4j.gemm(lastInput, dz, weightGradient, true, false, 1.0, 0.0);
        dz.sum(biasGradient, 0);
        if (!hasLayerBelow) {
            return null;
        }
        return Nd4j.gemm(dz, weights, last.inputGradient, false, true, 1.0, 0.0);
    }

    private Buffers allocate(int batch) {
        INDArray z = Nd4j.create(weights.dataType(), batch, outputs);
        boolean identity = activation == Activation.IDENTITY;
        INDArray a = identity ? z : Nd4j.create(weights.dataType(), batch, outputs);
        INDArray dz = identity ? null : Nd4j.create(weights.dataType(), batch, outputs);
        INDArray inputGradient = hasLayerBelow ? Nd4j.create(weights.dataType(), batch, inputs) : null;
        return new Buffers(z, a, dz, inputGradient);
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

    /** I×O view into the network's parameters. */
    public INDArray weights() {
        return weights;
    }

    /** 1×O view into the network's parameters. */
    public INDArray bias() {
        return bias;
    }

    public INDArray weightGradient() {
        return weightGradient;
    }

    public INDArray biasGradient() {
        return biasGradient;
    }
}
