package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The element-wise work of a network — its hidden activation and that activation's derivative, its output
 * non-linearity fused with the loss — done into caller-owned buffers, as {@link Blas} does its products.
 *
 * <p>Three ways to do it. {@link Nd4jElementwise} runs ND4J's ops: right on every backend, but on the CPU each op
 * costs 5–15 µs of dispatch and ~0.5–3 KB of Java heap however small its array, and ND4J's exp and tanh run at
 * ~7 ns an element. On the CPU the JVM does the work itself, straight on ND4J's host memory: no crossing, no
 * heap. {@link VectorElementwise} does float32 with the Vector API's SIMD exp and tanh (~0.4 and ~0.7 ns an
 * element on AVX-512); {@link DoubleElementwise} does float64 with an exp of its own, in VectorElementwise's float64
 * kernels where the JVM has the module and in scalar loops where it has not.
 * Measurements: benchmarks/NOTES.md, sections 10 (float32) and 11 (float64).
 */
public interface Elementwise {
    /** The incubating module the JVM's path is written with; a JVM resolves it only when told to. */
    String VECTOR_MODULE = "jdk.incubator.vector";
    /**
     * What a JVM needs on its command line for the JVM's path, and what every JVM layerbench starts gets (the
     * launcher script, the bench's child JVMs, surefire): the module, and three directives for the kernels of
     * {@link VectorElementwise}. Each kernel is compiled on its own, never inlined into a caller: inlined, it
     * shares the caller's inlining budget, and where that ran out C2 left its vectors boxed (6.7 MB of heap per
     * train step at 128 × 784 → 1024, measured). The kernels compile after a twentieth of the usual calls, since
     * until then every vector is boxed. And the Vector API's own methods count at the kernels' pace: C2 binds
     * their calls on a vector (its {@code lanewise}, {@code length}) by the type profile those methods gathered,
     * and a kernel compiled before they had one kept a vector boxed in every call for good (96 B a softmax row; 1
     * of 20 JMH forks in a plain run, 15 of 48 with compiler logging; benchmarks/NOTES.md, section 22). Without all
     * of these the element-wise work stays with ND4J.
     */
    List<String> JVM_FLAGS = List.of("--add-modules=" + VECTOR_MODULE, "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,dev.layerbench.model.VectorElementwise::*Kernel",
            "-XX:CompileCommand=CompileThresholdScaling,dev.layerbench.model.VectorElementwise::*Kernel,0.05",
            "-XX:CompileCommand=CompileThresholdScaling,jdk.incubator.vector.*::*,0.05");

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

    /** What runs these ops, for the environment record: "jvm-vector (…)", "jvm-scalar (…)" or "nd4j-ops". */
    String label();

    /** What runs the element-wise work here, per dtype: "float32: jvm-vector (…); float64: jvm-vector (…)". */
    static String describe() {
        // chosen, not warmed up: naming a path should not cost its warm-up
        Blas blas = Blas.forCurrentBackend();
        return "float32: " + choose(Blas.cpuBackend(), jvmReady(), DataType.FLOAT, blas).label() + "; float64: "
                + choose(Blas.cpuBackend(), jvmReady(), DataType.DOUBLE, blas).label();
    }

    /**
     * Brings this path to the speed it will run at before a network uses it; once per JVM, a no-op where there is
     * nothing to compile ahead. (The SIMD loops' code boxes every vector until C2 has compiled it.)
     */
    default void warmUp() {
    }

    /**
     * On ND4J's CPU backend the JVM's paths: SIMD for float32 when the Vector API is there, SIMD or scalar for
     * float64; ND4J's ops otherwise.
     */
    static Elementwise forCurrentBackend(DataType dtype, Blas blas) {
        Elementwise chosen = choose(Blas.cpuBackend(), jvmReady(), dtype, blas);
        chosen.warmUp();
        return chosen;
    }

    /**
     * Whether this JVM was started with {@link #JVM_FLAGS}: the module (asked of the module layer, not of
     * VectorElementwise, whose loading would fail without it) and the compiler directives.
     */
    static boolean jvmReady() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(JVM_FLAGS.subList(1,
                JVM_FLAGS.size()));
    }

    /**
     * The choice itself. float64 on the CPU goes to the JVM whether or not {@link #jvmReady}: its scalar loops need
     * neither the Vector API nor the compiler directives; its SIMD kernels run where they are there. Device memory
     * (CUDA) is not the JVM's to read.
     */
    static Elementwise choose(boolean cpu, boolean jvmReady, DataType dtype, Blas blas) {
        if (cpu && dtype == DataType.DOUBLE) {
            return new DoubleElementwise(jvmReady);
        }
        return cpu && jvmReady && dtype == DataType.FLOAT ? new VectorElementwise() : new Nd4jElementwise(blas);
    }
}
