package dev.layerbench.bench;

import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.NetworkSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * One point of the benchmark grid: a batch of B examples, I inputs, O outputs (classes), H hidden units
 * (0: none), in one dtype. Every implementation builds its network and data from here, so all of them time
 * the same arithmetic on the same numbers.
 */
public record BenchmarkShape(int batch, int in, int out, int hidden, Dtype dtype) {
    static final long SEED = 20261126L;

    public static BenchmarkShape of(int batch, int in, int out, int hidden, String dtype) {
        return new BenchmarkShape(batch, in, out, hidden, Dtype.parse(dtype));
    }

    /** "512×1024→512→256": batch × inputs → hidden units (when there are) → outputs. */
    public static String label(int batch, int in, int out, int hidden) {
        return batch + "×" + in + "→" + (hidden > 0 ? hidden + "→" : "") + out;
    }

    /** Xavier-initialised weights (zero would make relu/tanh gradients trivially zero), tanh hidden layer. */
    public NetworkSpec spec() {
        return new NetworkSpec(in, hidden, Activation.TANH, out, Loss.SOFTMAX_CROSS_ENTROPY,
                new Initializer.XavierUniform(), new Initializer.Zero(), dtype, SEED);
    }

    /** B×I inputs drawn from N(0,1)-like uniform values with a fixed seed. */
    public INDArray inputs() {
        return matrix(new long[]{batch, in}, 1);
    }

    /**
     * A matrix of {@code shape} (rows, columns) in this dtype, drawn as the inputs are from the fixed seed moved by
     * {@code stream}: the operands of a ceiling, so that every run times the same numbers.
     */
    public INDArray matrix(long[] shape, int stream) {
        SplittableRandom rng = new SplittableRandom(SEED + stream);
        double[] values = new double[Math.toIntExact(shape[0] * shape[1])];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble(-1.7, 1.7);
        }
        return Nd4j.createFromArray(values).reshape('c', shape).castTo(dtype.nd4j());
    }

    /** Class labels cycling through all O classes. */
    public int[] labels() {
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = i % out;
        }
        return y;
    }

    public INDArray targets() {
        return Loss.SOFTMAX_CROSS_ENTROPY.targets(labels(), out, dtype.nd4j());
    }
}
