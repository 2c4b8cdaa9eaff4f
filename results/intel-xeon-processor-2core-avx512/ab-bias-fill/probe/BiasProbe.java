package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Probe: the bias fill by rank-1 gemm or by row copies, alone and followed by X·Wᵀ (β = 1), one thread. */
public class BiasProbe {
    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 784);
        INDArray w = Nd4j.rand(DataType.FLOAT, 1024, 784);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 1024);
        INDArray ones = Nd4j.ones(DataType.FLOAT, batch, 1);
        INDArray z = Nd4j.create(DataType.FLOAT, batch, 1024);
        OpenBlasGemm blas = new OpenBlasGemm();
        int reps = batch >= 1024 ? 200 : 1000;
        for (int round = 0; round < 4; round++) {
            long[] gemmFill = new long[reps], copyFill = new long[reps], gemmThen = new long[reps], copyThen = new long[reps], product = new long[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                blas.gemm(ones, false, bias, false, 1.0, 0.0, z);
                long t1 = System.nanoTime();
                blas.gemm(x, false, w, true, 1.0, 1.0, z);
                long t2 = System.nanoTime();
                blas.fillRows(bias, ones, z);
                long t3 = System.nanoTime();
                blas.gemm(x, false, w, true, 1.0, 1.0, z);
                long t4 = System.nanoTime();
                blas.gemm(x, false, w, true, 1.0, 1.0, z);
                long t5 = System.nanoTime();
                gemmFill[r] = t1 - t0; gemmThen[r] = t2 - t1; copyFill[r] = t3 - t2; copyThen[r] = t4 - t3; product[r] = t5 - t4;
            }
            System.out.printf("batch %d round %d: fill by gemm %.1f, its product %.1f | fill by copies %.1f, its product %.1f | product again %.1f µs (medians)%n",
                    batch, round, median(gemmFill), median(gemmThen), median(copyFill), median(copyThen), median(product));
        }
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e3;
    }
}
