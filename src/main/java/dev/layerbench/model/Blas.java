package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BLAS calls a dense layer is made of: {@code C = α·op(A)·op(B) + β·C}, {@code y += α·x}, and dot products.
 *
 * <p>Why not just {@code Nd4j.gemm}: at the shapes people train on (a batch of 1 to 128, ten classes) ND4J's
 * checks and dispatch cost about 10 µs a product while OpenBLAS itself needs 1 to 5 µs; on the CPU the products
 * therefore go straight to the OpenBLAS that ND4J itself loaded. ND4J's level-1 calls are already lean and are
 * used as they are. Other backends (CUDA) go through ND4J. Measurements: benchmarks/NOTES.md.
 */
public interface Blas {

    /** {@code c = alpha·op(a)·op(b) + beta·c}; all row-major with unit column stride. */
    void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, double alpha, double beta, INDArray c);

    /** {@code y += alpha·x} over whole (contiguous) arrays of equal length. */
    default void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
    }

    /** The dot product of two contiguous arrays of equal length, read as flat vectors. */
    default double dot(INDArray x, INDArray y) {
        return Nd4j.getBlasWrapper().level1().dot(x.length(), 1.0, x, y);
    }

    /** What runs the products, for the environment record: "openblas-direct (SkylakeX core; …)" or "nd4j-gemm". */
    String label();

    /** What runs the products in this process ({@link #label} of {@link #forCurrentBackend}). */
    static String describe() {
        return forCurrentBackend().label();
    }

    /** Direct OpenBLAS where ND4J runs on its CPU backend with OpenBLAS, ND4J's own gemm elsewhere. */
    static Blas forCurrentBackend() {
        boolean cpuOpenBlas = cpuBackend()
                && "OPENBLAS".equalsIgnoreCase(Nd4j.factory().blas().getBlasVendor().toString());
        return cpuOpenBlas ? new OpenBlasGemm() : Nd4jGemm.INSTANCE;
    }

    /** Whether ND4J runs on its CPU backend, where every array lives in host memory. */
    static boolean cpuBackend() {
        return "CPU".equals(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().get("backend")));
    }
}
