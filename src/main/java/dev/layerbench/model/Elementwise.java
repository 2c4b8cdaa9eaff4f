package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of a network — its hidden activation and that activation's derivative, its output
 * non-linearity fused with the loss — done into caller-owned buffers, as {@link Blas} does its products.
 *
 * <p>Two ways to do it. {@link Nd4jElementwise} runs ND4J's ops: right on every backend, but on the CPU each op
 * costs 5–15 µs of dispatch and ~0.5–3 KB of Java heap however small its array, and ND4J's exp and tanh run at
 * ~7 ns an element. {@link VectorElementwise} does float32 on the CPU in the JVM itself, with the Vector API's
 * SIMD exp and tanh (~0.4 and ~0.7 ns an element on AVX-512) straight on ND4J's host memory: no crossing, no
 * heap. Measurements: benchmarks/NOTES.md, section 10.
 */
public interface Elementwise {
    /** The incubating module the JVM's path is written with; a JVM resolves it only when told to. */
    String VECTOR_MODULE = "jdk.incubator.vector";
    /** What a JVM needs on its command line for the JVM's path: layerbench's own child JVMs get it. */
    String JVM_FLAG = "--add-modules=" + VECTOR_MODULE;

    /** {@code a = f(z)}; {@code a} may be {@code z} itself only for IDENTITY (then nothing runs). */
    void activate(Activation f, INDArray z, INDArray a);

    /** {@code dz = f'(z) ⊙ da}, given the forward's {@code z} and {@code a = f(z)}; dz may be da for IDENTITY. */
    void activationGradient(Activation f, INDArray z, INDArray a, INDArray da, INDArray dz);

    /**
     * Mean loss over the batch; writes the residual {@code p − y} into {@code buffers.residual()}. The gradient
     * with respect to the logits is that residual divided by the batch size, a scale the caller folds into its
     * products.
     */
    double lossAndResidual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers);

    /**
     * Writes the residual {@code p − y} as {@link #lossAndResidual} does, without the loss: no number comes back
     * to the host, which on a GPU backend would wait for the device and copy.
     */
    void residual(Loss loss, INDArray logits, INDArray targets, LossBuffers buffers);

    /** Class probabilities B×K from logits; for the one-unit loss, columns are [1 − p, p]. */
    void probabilities(Loss loss, INDArray logits, INDArray out);

    /** What runs these ops, for the environment record: "jvm-vector (…)" or "nd4j-ops". */
    String label();

    /** What runs the element-wise work here, per dtype: "float32: jvm-vector (…); float64: nd4j-ops". */
    static String describe() {
        Blas blas = Blas.forCurrentBackend();
        return "float32: " + forCurrentBackend(DataType.FLOAT, blas).label() + "; float64: "
                + forCurrentBackend(DataType.DOUBLE, blas).label();
    }

    /** The JVM's SIMD path for float32 on ND4J's CPU backend when the Vector API is there, ND4J's ops otherwise. */
    static Elementwise forCurrentBackend(DataType dtype, Blas blas) {
        // asked of the module layer, not of VectorElementwise, whose loading would fail without the module
        return choose(Blas.cpuBackend(), ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(), dtype, blas);
    }

    /**
     * The choice itself. float64 stays on ND4J's ops: the study's float64 runs are its exact reference (symmetry
     * never breaks there), and ND4J computes them as it always has; nothing float64 is timed against a peer.
     */
    static Elementwise choose(boolean cpu, boolean vectorModule, DataType dtype, Blas blas) {
        return cpu && vectorModule && dtype == DataType.FLOAT ? new VectorElementwise() : new Nd4jElementwise(blas);
    }
}
