package dev.layerbench.model;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * OpenBLAS's small-matrix kernels, and the pieces a skinny product is cut into so that it reaches them.
 *
 * <p>Why: OpenBLAS 0.3.19 on a SkylakeX core computes a single-precision product either with its small-matrix
 * kernels (no packing, straight from the operands) or with its packed path, and a fixed rule picks one
 * ({@code sgemm_small_kernel_permit}: at most 100³ multiply-adds, and for a product whose first operand it reads
 * transposed, an output of at most 1,200 elements and an inner dimension of at least 32 — the rule as OpenBLAS's
 * current source states it; the forward's cliff measured here with 0.3.19, 18.8 µs at 120 rows and 44–47 at 127,
 * sits on its edge). A layer of ten outputs
 * lands just past that rule: 128 × 784 → 10 is 1,003,520 multiply-adds and its forward a 1,280-element output, and
 * the packed path then takes about twice as long — in JMH the weight gradient took 49 µs [40, 55] whole and
 * 21.8 [18.4, 30.2] cut into two column halves, 0.44 [0.36, 0.66] of the time (benchmarks/NOTES.md, section 12);
 * PyTorch's takes 22–30 µs. Double-precision products behave alike under the same rule (probe, 1024 × 784 → 10
 * in float64 on one thread, medians of 200 calls: the weight gradient 1.13 ms cut into 88-column pieces against
 * 1.35–1.56 whole, the forward 0.71 ms in 114-row pieces against 0.88–0.89; benchmarks/NOTES.md, section 19).
 *
 * <p>A product whose output is at most {@link #NARROW} wide is therefore cut along its output's long side into the
 * fewest equal pieces the rule permits — rows for the forward X·Wᵀ, columns for the weight gradient Gᵀ·X. Output
 * pieces are disjoint and each element is still one inner product over the whole inner dimension, so nothing is
 * summed in another order because of the cut; the inner dimension is never cut. Wider outputs are left whole: there
 * the pieces were slower (probe: the forward at 32 and 64 wide, 1.06–1.43×).
 *
 * <p>Only on the cores where that was measured ({@link #MEASURED_CORES}); elsewhere — AVX2 machines, whose cores in
 * 0.3.19 have no such kernels — every product goes to OpenBLAS whole. The core is OpenBLAS's own answer
 * ({@code openblas_get_corename}, through JNA: JavaCPP's preset does not map it).
 */
final class SmallMatrixKernels {
    /** OpenBLAS cores on which cutting skinny products was measured to pay. */
    static final Set<String> MEASURED_CORES = Set.of("SkylakeX");
    /** An output with a side at most this long is cut (probe, 10 and 16 wide: 0.37–0.94 of the whole's time). */
    static final int NARROW = 16;
    /** The permit's bound on M·N·K. */
    static final double MAX_MULTIPLY_ADDS = 100.0 * 100.0 * 100.0;
    /** The permit's bound on the output's size when OpenBLAS reads its first operand transposed. */
    static final long MAX_TRANSPOSED_OUTPUT = 1200;
    /** ... and on the inner dimension's least length then. */
    static final int MIN_TRANSPOSED_DEPTH = 32;

    /**
     * OpenBLAS 0.3.19 threads a gemm only past 65,536 × GEMM_MULTITHREAD_THRESHOLD (4) multiply-adds; up to that it
     * runs on the thread that called it. Measured on a Zen core at 2 threads: 32 × 784 → 10 (250,880) 19.6 µs, 34 ×
     * 784 → 10 (266,560) 59.8 µs, 20.7 at 1 thread. A piece below it can go to the {@link SecondLane} without
     * OpenBLAS starting a team of its own from there.
     */
    static final double MAX_SINGLE_THREAD_MULTIPLY_ADDS = 65536.0 * 4;

    /**
     * The most elements X may hold for a double-precision weight gradient Gᵀ·X (OpenBLAS reading G transposed, X by
     * column strips) to be cut: 1024 × 784, the largest shape the cut was seen to pay at. Past it the strips lost to
     * the whole product (probe, 1 thread, 10 outputs, medians of 15–60 calls, µs cut / whole: 128 × 4096 547 / 757,
     * 256 × 4096 1964 / 2249, 1024 × 784 864 / 1171 — but 512 × 2048 2631 / 1986, 1024 × 1024 2789 / 1944, 1024 ×
     * 2048 7676 / 3654, 1024 × 4096 15319–16461 / 7343–7721, 2048 × 784 4732 / 2533; benchmarks/NOTES.md, section
     * 20). The one shape it misses, 256 × 4096, loses 15% whole; float's strips kept paying at these sizes (1024 ×
     * 2048 3038 / 6193, 1024 × 4096 8196 / 8597), so only double is bounded.
     */
    static final long MAX_CUT_DOUBLE_GRADIENT_OPERAND = 1024L * 784;

    /** The core OpenBLAS runs its kernels for, "unknown" where it cannot be asked. */
    static final String CORE = queryCore();

    private SmallMatrixKernels() {
    }

    /** Whether this process's OpenBLAS has the small-matrix kernels the cutting was measured with. */
    static boolean available() {
        return MEASURED_CORES.contains(CORE);
    }

    /**
     * Whether OpenBLAS's rule sends the row-major product {@code C(m×n) = op(A)·op(B)}, inner dimension k, to its
     * small-matrix kernels. OpenBLAS is column-major: it computes Cᵀ = op(B)ᵀ·op(A)ᵀ, so its M is n, its N is m,
     * and its first operand, read transposed when transposeB is set, is B.
     */
    static boolean permitted(int m, int n, int k, boolean transposeA, boolean transposeB) {
        if ((double) m * n * k > MAX_MULTIPLY_ADDS || transposeA && transposeB) {
            return false;
        }
        return !transposeB || (long) m * n <= MAX_TRANSPOSED_OUTPUT && k >= MIN_TRANSPOSED_DEPTH;
    }

    /**
     * The length of the pieces C's long side (rows when m ≥ n, else columns) is cut into, or 0 to leave the
     * product whole: when its output is wider than {@link #NARROW} both ways, when OpenBLAS already takes it whole
     * to the small kernels, or when no piece of it would be permitted. The pieces are equal but the last.
     */
    static int piece(int m, int n, int k, boolean transposeA, boolean transposeB, boolean floats) {
        if (Math.min(m, n) > NARROW || permitted(m, n, k, transposeA, transposeB) || transposeA && transposeB
                || wholeDoubleGradient(n, k, transposeA, floats)) {
            return 0;
        }
        long longest = (long) (MAX_MULTIPLY_ADDS / ((double) Math.min(m, n) * k));
        if (transposeB) {
            longest = k < MIN_TRANSPOSED_DEPTH ? 0 : Math.min(longest, MAX_TRANSPOSED_OUTPUT / Math.min(m, n));
        }
        return equalPieces(Math.max(m, n), longest);
    }

    /**
     * For sharing a product between two threads where no small-kernel cut applies: the length of the pieces C's long
     * side is cut into, or 0 to leave the product whole. A product OpenBLAS runs on one thread anyway
     * ({@link #MAX_SINGLE_THREAD_MULTIPLY_ADDS}) stays whole: by OpenBLAS's own measure it is too small for a second
     * thread to pay, and OpenBLAS is not asked its thread count (a native call). With OpenBLAS kept to one thread
     * ({@code blasThreads}: the thread policy's choice below its line) any larger product is halved — each half then
     * runs on one thread whoever calls it. With OpenBLAS on two
     * threads, only a product whose output is at most {@link #NARROW} wide is shared, in the fewest pieces below
     * OpenBLAS's one-thread line, so that neither thread starts OpenBLAS's team; wider ones are OpenBLAS's to thread,
     * and so is a double weight gradient past {@link #MAX_CUT_DOUBLE_GRADIENT_OPERAND}, whose narrow strips lose as
     * the small kernels' do (probe, 1024 × 4096 → 10, 2 threads: 25-column strips on the two lanes 13.1–13.4 ms,
     * the small kernels' pieces on them 11.5–12.5, OpenBLAS's two threads on the whole 9.0–9.1).
     */
    static int sharedPiece(int m, int n, int k, boolean transposeA, boolean floats, IntSupplier blasThreads) {
        if ((double) m * n * k <= MAX_SINGLE_THREAD_MULTIPLY_ADDS) {
            return 0;
        }
        if (blasThreads.getAsInt() == 1) {
            return equalPieces(Math.max(m, n), (Math.max(m, n) + 1) / 2);
        }
        if (Math.min(m, n) > NARROW || wholeDoubleGradient(n, k, transposeA, floats)) {
            return 0;
        }
        return equalPieces(Math.max(m, n), (long) (MAX_SINGLE_THREAD_MULTIPLY_ADDS / ((double) Math.min(m, n) * k)));
    }

    /** A double product reading its first operand transposed whose second, k × n, is past the cut's bound. */
    private static boolean wholeDoubleGradient(int n, int k, boolean transposeA, boolean floats) {
        return !floats && transposeA && (long) k * n > MAX_CUT_DOUBLE_GRADIENT_OPERAND;
    }

    /** The length of the fewest equal pieces, none longer than {@code longest}, that make up {@code side}. */
    private static int equalPieces(int side, long longest) {
        if (longest < 1) {
            return 0;
        }
        long pieces = (side + longest - 1) / longest;
        return (int) ((side + pieces - 1) / pieces);
    }

    /**
     * dlopen's flags on Linux: take the handle of the library JavaCPP already loaded, without loading anything.
     * Not JNA's default, which adds RTLD_GLOBAL: that would make OpenBLAS's symbols (cblas_sgemm, sgemm_…) global,
     * and a library loaded afterwards could bind to them — in the PyTorch benchmark's JVM, libtorch's products ran
     * 2–15× slower after it (benchmarks/NOTES.md, section 12).
     */
    private static final int RTLD_LAZY_NOLOAD = 0x1 | 0x4;

    private static String queryCore() {
        try {
            String library = Loader.load(openblas_nolapack.class);
            String core = NativeLibrary.getInstance(library, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_NOLOAD))
                    .getFunction("openblas_get_corename").invokeString(new Object[0], false);
            return core == null || core.isBlank() ? "unknown" : core.strip();
        } catch (RuntimeException | LinkageError e) {
            // no JNA, another OpenBLAS build without the symbol: the products stay whole
            return "unknown";
        }
    }
}
