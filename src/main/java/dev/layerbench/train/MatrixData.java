package dev.layerbench.train;

import dev.layerbench.data.Dataset;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset converted once into ND4J arrays of the dtype under study: features n×D and the loss's targets,
 * with the labels and class counts kept in Java for scoring.
 */
public record MatrixData(INDArray features, INDArray targets, int[] labels, int[] classCounts) {

    public static MatrixData of(Dataset data, Dtype dtype, Loss loss) {
        INDArray x = Nd4j.createFromArray(data.features()).reshape('c', data.rows(), data.columns())
                .castTo(dtype.nd4j());
        return new MatrixData(x, loss.targets(data.labels(), data.numClasses(), dtype.nd4j()),
                data.labels(), data.classCounts());
    }

    public int rows() {
        return labels.length;
    }

    public int numClasses() {
        return classCounts.length;
    }
}
