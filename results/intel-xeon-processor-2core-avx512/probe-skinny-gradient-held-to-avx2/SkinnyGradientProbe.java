import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.FloatPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static org.bytedeco.openblas.global.openblas.*;

/** Probe: C (n × in) = Gᵀ (n × batch) · X (batch × in), n = 10, by OpenBLAS and by a register-blocked Vector API loop. */
public class SkinnyGradientProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int W = S.length();
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** 5 output rows × 2 vectors of columns in registers; G read from a float[] copy, X in place. */
    static final int CHUNK = Integer.getInteger("chunk", 1 << 30);

    static void kernel(float[] g, int n, ByteBuffer x, int batch, int in, float[] c) {
        for (int b0 = 0; b0 < batch; b0 += CHUNK) {
            chunk(g, n, x, b0, Math.min(batch, b0 + CHUNK), in, c, b0 > 0);
        }
    }

    static void chunk(float[] g, int n, ByteBuffer x, int from, int to, int in, float[] c, boolean add) {
        for (int col = 0; col < in; col += 2 * W) {
            for (int j0 = 0; j0 < n; j0 += 5) {
                int o = j0 * in + col;
                FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41;
                if (add) {
                    a00 = FloatVector.fromArray(S, c, o); a01 = FloatVector.fromArray(S, c, o + W);
                    a10 = FloatVector.fromArray(S, c, o + in); a11 = FloatVector.fromArray(S, c, o + in + W);
                    a20 = FloatVector.fromArray(S, c, o + 2 * in); a21 = FloatVector.fromArray(S, c, o + 2 * in + W);
                    a30 = FloatVector.fromArray(S, c, o + 3 * in); a31 = FloatVector.fromArray(S, c, o + 3 * in + W);
                    a40 = FloatVector.fromArray(S, c, o + 4 * in); a41 = FloatVector.fromArray(S, c, o + 4 * in + W);
                } else {
                    a00 = FloatVector.zero(S); a01 = a00; a10 = a00; a11 = a00; a20 = a00; a21 = a00;
                    a30 = a00; a31 = a00; a40 = a00; a41 = a00;
                }
                for (int b = from; b < to; b++) {
                    int at = (b * in + col) * 4;
                    FloatVector x0 = FloatVector.fromByteBuffer(S, x, at, ORDER);
                    FloatVector x1 = FloatVector.fromByteBuffer(S, x, at + W * 4, ORDER);
                    int gb = b * n + j0;
                    FloatVector g0 = FloatVector.broadcast(S, g[gb]);
                    a00 = x0.fma(g0, a00); a01 = x1.fma(g0, a01);
                    FloatVector g1 = FloatVector.broadcast(S, g[gb + 1]);
                    a10 = x0.fma(g1, a10); a11 = x1.fma(g1, a11);
                    FloatVector g2 = FloatVector.broadcast(S, g[gb + 2]);
                    a20 = x0.fma(g2, a20); a21 = x1.fma(g2, a21);
                    FloatVector g3 = FloatVector.broadcast(S, g[gb + 3]);
                    a30 = x0.fma(g3, a30); a31 = x1.fma(g3, a31);
                    FloatVector g4 = FloatVector.broadcast(S, g[gb + 4]);
                    a40 = x0.fma(g4, a40); a41 = x1.fma(g4, a41);
                }
                a00.intoArray(c, o); a01.intoArray(c, o + W);
                a10.intoArray(c, o + in); a11.intoArray(c, o + in + W);
                a20.intoArray(c, o + 2 * in); a21.intoArray(c, o + 2 * in + W);
                a30.intoArray(c, o + 3 * in); a31.intoArray(c, o + 3 * in + W);
                a40.intoArray(c, o + 4 * in); a41.intoArray(c, o + 4 * in + W);
            }
        }
    }

    /** All ten output rows × 1 vector of columns in registers: X read once per chunk. */
    static void kernelTen(float[] g, int n, ByteBuffer x, int batch, int in, float[] c) {
        for (int b0 = 0; b0 < batch; b0 += CHUNK) {
            int to = Math.min(batch, b0 + CHUNK);
            for (int col = 0; col < in; col += W) {
                FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9;
                if (b0 > 0) {
                    a0 = FloatVector.fromArray(S, c, col); a1 = FloatVector.fromArray(S, c, col + in);
                    a2 = FloatVector.fromArray(S, c, col + 2 * in); a3 = FloatVector.fromArray(S, c, col + 3 * in);
                    a4 = FloatVector.fromArray(S, c, col + 4 * in); a5 = FloatVector.fromArray(S, c, col + 5 * in);
                    a6 = FloatVector.fromArray(S, c, col + 6 * in); a7 = FloatVector.fromArray(S, c, col + 7 * in);
                    a8 = FloatVector.fromArray(S, c, col + 8 * in); a9 = FloatVector.fromArray(S, c, col + 9 * in);
                } else {
                    a0 = FloatVector.zero(S); a1 = a0; a2 = a0; a3 = a0; a4 = a0; a5 = a0; a6 = a0; a7 = a0; a8 = a0; a9 = a0;
                }
                for (int b = b0; b < to; b++) {
                    FloatVector xv = FloatVector.fromByteBuffer(S, x, (b * in + col) * 4, ORDER);
                    int gb = b * n;
                    a0 = xv.fma(FloatVector.broadcast(S, g[gb]), a0);
                    a1 = xv.fma(FloatVector.broadcast(S, g[gb + 1]), a1);
                    a2 = xv.fma(FloatVector.broadcast(S, g[gb + 2]), a2);
                    a3 = xv.fma(FloatVector.broadcast(S, g[gb + 3]), a3);
                    a4 = xv.fma(FloatVector.broadcast(S, g[gb + 4]), a4);
                    a5 = xv.fma(FloatVector.broadcast(S, g[gb + 5]), a5);
                    a6 = xv.fma(FloatVector.broadcast(S, g[gb + 6]), a6);
                    a7 = xv.fma(FloatVector.broadcast(S, g[gb + 7]), a7);
                    a8 = xv.fma(FloatVector.broadcast(S, g[gb + 8]), a8);
                    a9 = xv.fma(FloatVector.broadcast(S, g[gb + 9]), a9);
                }
                a0.intoArray(c, col); a1.intoArray(c, col + in); a2.intoArray(c, col + 2 * in);
                a3.intoArray(c, col + 3 * in); a4.intoArray(c, col + 4 * in); a5.intoArray(c, col + 5 * in);
                a6.intoArray(c, col + 6 * in); a7.intoArray(c, col + 7 * in); a8.intoArray(c, col + 8 * in);
                a9.intoArray(c, col + 9 * in);
            }
        }
    }

    public static void main(String[] args) {
        int n = 10, in = 784;
        if (in % (2 * W) != 0) throw new IllegalStateException("probe needs in % " + (2 * W) + " == 0, lanes " + W);
        for (int batch : new int[]{128, 1024}) {
            Random random = new Random(1);
            FloatPointer gp = new FloatPointer((long) batch * n), xp = new FloatPointer((long) batch * in),
                    cp = new FloatPointer((long) n * in);
            for (long i = 0; i < (long) batch * n; i++) gp.put(i, (float) random.nextGaussian());
            for (long i = 0; i < (long) batch * in; i++) xp.put(i, (float) random.nextGaussian());
            ByteBuffer gb = gp.asByteBuffer().order(ORDER), xb = xp.asByteBuffer().order(ORDER);
            float[] g = new float[batch * n], c = new float[n * in];
            int reps = batch == 128 ? 4000 : 500;
            for (int round = 0; round < 5; round++) {
                long[] blas = new long[reps], jvm = new long[reps];
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, in, batch, 1f, gp, n, xp, in, 0f, cp, in);
                    long t1 = System.nanoTime();
                    gb.asFloatBuffer().get(g);
                    if (Boolean.getBoolean("ten")) kernelTen(g, n, xb, batch, in, c); else kernel(g, n, xb, batch, in, c);
                    long t2 = System.nanoTime();
                    blas[r] = t1 - t0; jvm[r] = t2 - t1;
                }
                float maxDiff = 0;
                for (int i = 0; i < n * in; i++) maxDiff = Math.max(maxDiff, Math.abs(c[i] - cp.get(i)));
                Arrays.sort(blas); Arrays.sort(jvm);
                System.out.printf("batch %d round %d: OpenBLAS median %.1f us (p10 %.1f), JVM kernel median %.1f us (p10 %.1f), max |diff| %.2g%n",
                        batch, round, blas[reps / 2] / 1e3, blas[reps / 10] / 1e3, jvm[reps / 2] / 1e3, jvm[reps / 10] / 1e3, maxDiff);
            }
        }
    }
}
