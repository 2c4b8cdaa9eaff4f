package dev.layerbench.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Forward, backward and an SGD train step allocate no Java heap once the JIT has compiled them: every buffer is
 * allocated once per batch size and every native address remembered, so garbage per step is a regression (a
 * list iterator in {@code Network.forward} was 32 B a call where C2 did not inline it away; ND4J's ops were
 * 0.5–3.7 KB each). Counted with the thread's allocated bytes, which are exact, not sampled. Until C2 has
 * compiled a path, the interpreter and C1 do allocate (iterators, boxed SIMD vectors), so each case runs windows
 * of steps until one allocates nothing, and fails with the last window's bytes if none does in the time given.
 */
class SteadyStateAllocationTest {
    private static final int STEPS_PER_WINDOW = 500;
    private static final long GIVE_UP_AFTER_NANOS = 20_000_000_000L;

    @ParameterizedTest(name = "{0}, {1}, hidden {2}, {3}")
    @MethodSource("dev.layerbench.model.SmallNetworks#everyActivationLossDepthAndDtype")
    void forwardBackwardAndTrainStepReachZeroHeap(Activation activation, Loss loss, int hidden, Dtype dtype) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count a thread's allocated bytes");
        Network network = SmallNetworks.network(hidden, activation, loss, dtype);
        INDArray x = SmallNetworks.inputs(dtype);
        INDArray y = loss.targets(SmallNetworks.labels(loss), SmallNetworks.classesFor(loss), x.dataType());
        Optimizer sgd = new Optimizer(OptimizerKind.SGD, 0.01, network);
        network.computeGradients(x, y);

        long deadline = System.nanoTime() + GIVE_UP_AFTER_NANOS;
        long bytes;
        do {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int step = 0; step < STEPS_PER_WINDOW; step++) {
                network.forward(x);
                network.backward();
                network.computeGradientsWithoutLoss(x, y);
                sgd.step(network, 0);
                network.sgdStepWithoutLoss(x, y, 0.01);
                network.sgdStep(x, y, 0.01);
                network.computeGradients(x, y);
            }
            bytes = threads.getCurrentThreadAllocatedBytes() - before;
        } while (bytes > 0 && System.nanoTime() < deadline);
        assertEquals(0, bytes, "bytes of heap in the last " + STEPS_PER_WINDOW + " rounds of forward, backward, "
                + "both train steps and gradients with the loss, after 20 s of them (" + network.elementwise().label()
                + ")");
    }
}
