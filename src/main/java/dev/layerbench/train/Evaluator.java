package dev.layerbench.train;

import dev.layerbench.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scores a network on a whole dataset. Rows go through in chunks so that evaluating 60,000 examples does not
 * allocate activation buffers 60,000 rows tall in every layer.
 */
public final class Evaluator {
    static final int CHUNK_ROWS = 4096;

    private Evaluator() {
    }

    /** Metrics of {@code network} on {@code data}, or null when a probability is NaN/Inf (a diverged network). */
    public static Evaluation evaluate(Network network, MatrixData data) {
        int n = data.rows();
        double[][] probabilities = new double[n][];
        for (int start = 0; start < n; start += CHUNK_ROWS) {
            int end = Math.min(n, start + CHUNK_ROWS);
            INDArray chunk = data.features().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            double[][] p = HostArrays.rows(network.probabilities(chunk));
            System.arraycopy(p, 0, probabilities, start, p.length);
        }
        for (double[] row : probabilities) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
        }
        return Evaluation.of(data.labels(), probabilities, data.numClasses());
    }
}
