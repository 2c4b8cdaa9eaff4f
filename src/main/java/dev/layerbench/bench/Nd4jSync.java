package dev.layerbench.bench;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes an ND4J benchmark wait for its device. ND4J's CPU backend finishes each op before returning; its CUDA
 * backend queues them on a stream, and a clock read before the queue drains times only the launches.
 */
public final class Nd4jSync {
    private static final boolean ASYNCHRONOUS = Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");

    private Nd4jSync() {
    }

    /** Waits for every queued op on a CUDA backend; nothing on the CPU. */
    public static void afterOps() {
        if (ASYNCHRONOUS) {
            Nd4j.getExecutioner().commit();
        }
    }
}
