package dev.layerbench.model;

import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Tiny networks and batches shared by the model tests (float64 unless a test says otherwise). */
final class SmallNetworks {
    static final int INPUTS = 4;
    static final int BATCH = 5;

    private SmallNetworks() {
    }

    /** Every activation × loss, without a hidden layer and with three hidden units. */
    static Stream<Arguments> everyActivationLossAndDepth() {
        return Stream.of(Activation.values()).flatMap(a -> Stream.of(Loss.values()).flatMap(l ->
                Stream.of(Arguments.of(a, l, 0), Arguments.of(a, l, 3))));
    }

    /** {@link #everyActivationLossAndDepth()} in each dtype. */
    static Stream<Arguments> everyActivationLossDepthAndDtype() {
        return everyActivationLossAndDepth().flatMap(a -> Stream.of(Dtype.values()).map(d -> {
            Object[] args = a.get();
            return Arguments.of(args[0], args[1], args[2], d);
        }));
    }

    static int classesFor(Loss loss) {
        return loss == Loss.SIGMOID_BINARY_CROSS_ENTROPY ? 2 : 3;
    }

    static Network network(int hidden, Activation activation, Loss loss, Dtype dtype) {
        return Network.create(new NetworkSpec(INPUTS, hidden, activation, classesFor(loss), loss,
                new Initializer.Normal(0.7), new Initializer.Normal(0.3), dtype, 11));
    }

    static INDArray inputs(Dtype dtype) {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[BATCH * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble(-2, 2);
        }
        return Nd4j.createFromArray(x).reshape('c', BATCH, INPUTS).castTo(dtype.nd4j());
    }

    static int[] labels(Loss loss) {
        int k = classesFor(loss);
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = (i * 7 + 1) % k;
        }
        return y;
    }
}
