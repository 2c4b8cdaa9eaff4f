package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Products through ND4J, for every backend that is not the CPU one with OpenBLAS. */
enum Nd4jGemm implements Blas {
    INSTANCE;

    @Override
    public void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta,
                     INDArray c) {
        Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    }

    @Override
    public String label() {
        return "nd4j-gemm";
    }
}
