package dev.layerbench.bench;

import dev.layerbench.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One matrix product a dense layer's operation performs, {@code C(m×n) = op(A)·op(B)} with its transpose flags,
 * and the GEMM benchmark that times it alone: the pieces of an operation's ceiling.
 *
 * <p>For a layer with input X (B×a), weights W (a×b) and output gradient G (B×b) — named by what they compute in
 * that algebra, called as the own layer calls them: it stores Wᵀ (b×a, {@code model.Network} says why), so
 * <ul>
 *   <li>{@code xw} — the forward product X·W, called as X·(Wᵀ)ᵀ: m = B, n = b, k = a, B transposed;</li>
 *   <li>{@code xtg} — the weight gradient, called as dWᵀ = Gᵀ·X: m = b, n = a, k = B (its inner dimension is the
 *       batch), A transposed;</li>
 *   <li>{@code gwt} — the input gradient G·Wᵀ, with the stored Wᵀ as it is: m = B, n = a, k = b, needed only where
 *       a layer sits below, and by DL4J, whose layers compute it for the first layer too.</li>
 * </ul>
 * Ceiling rows from before that layout (commit 941f0c9) timed X·W and Xᵀ·G under the same names.
 * Layers are {@code l1} (input → first width) and, with a hidden layer, {@code l2} (hidden → output). An
 * operation's ceiling is the sum of its products' times, each measured on the same backend at the same thread
 * count; a layer that beats that sum has found a product cheaper than the BLAS does it, or the ceiling is wrong.
 * The bias products and element-wise work are not in it: they are what the ceiling leaves out.
 *
 * @param layer "l1" or "l2"
 * @param kind  "xw", "xtg" or "gwt"
 */
public record Product(String layer, String kind, int m, int n, int k, boolean transposeA, boolean transposeB) {
    /**
     * Products a ceiling row queues before it waits for them, once (its JMH operations per invocation). On a GPU a
     * product returns before it has run, and a wait after each one adds a round trip to the host to every product
     * (17–40 µs through DJL on an H200, about what a queued product costs up to 1024 × 784 × 1024; NOTES §24), while
     * an operation waits once for all its products: the sum of such rows is then no floor for the operation. Queued
     * this many at a time, each product carries a fraction of one wait, and an operation of at most this many
     * products waits at least once, so the sum stays below it. On the CPU a product has finished when it returns
     * and the wait does nothing: the row times the same call as before, this many times in a row.
     */
    public static final int PER_WAIT = 8;

    /** The op label of a ceiling row starts with this; the product's label follows it. */
    public static final String CEILING_PREFIX = "gemm:";

    /** {@code gemm:l1.xw}: the {@code op} of the ceiling row that times this product. */
    public String label() {
        return CEILING_PREFIX + layer + "." + kind;
    }

    /** How A is stored: k×m when it enters transposed (the flag goes to BLAS, no copy is made), else m×k. */
    public long[] shapeOfA() {
        return transposeA ? new long[]{k, m} : new long[]{m, k};
    }

    /** How B is stored: n×k when it enters transposed, else k×n. */
    public long[] shapeOfB() {
        return transposeB ? new long[]{n, k} : new long[]{k, n};
    }

    /** 2·m·n·k. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** The products {@code impl} performs for {@code op} at {@code shape}, in the order it performs them. */
    public static List<Product> of(Implementation impl, Operation op, BenchmarkShape shape) {
        boolean inputGradientOfFirstLayer = impl == Implementation.DL4J;
        List<Product> products = new ArrayList<>();
        if (op == Operation.FORWARD || op == Operation.TRAIN_STEP) {
            products.add(forward(shape, "l1"));
            if (shape.hidden() > 0) {
                products.add(forward(shape, "l2"));
            }
        }
        if (op == Operation.BACKWARD || op == Operation.TRAIN_STEP) {
            if (shape.hidden() > 0) {
                products.add(weightGradient(shape, "l2"));
                products.add(inputGradient(shape, "l2"));
            }
            products.add(weightGradient(shape, "l1"));
            if (inputGradientOfFirstLayer) {
                products.add(inputGradient(shape, "l1"));
            }
        }
        return List.copyOf(products);
    }

    /** Every product any of {@code impls} performs at {@code shape}, once each: the ceiling rows to measure. */
    public static List<Product> distinct(BenchmarkShape shape, List<Implementation> impls) {
        LinkedHashSet<Product> products = new LinkedHashSet<>();
        for (Implementation impl : impls) {
            if (impl == Implementation.GEMM) {
                continue;
            }
            for (Operation op : impl.operations()) {
                products.addAll(of(impl, op, shape));
            }
        }
        return List.copyOf(products);
    }

    /**
     * Refuses a stored row or sample whose op is a ceiling label naming no product at its shape ("gemm:rd", or a
     * second layer's product without a hidden layer): no run of layerbench writes one, and the report could not
     * place it. {@code where} names the file and row for the one-line error.
     */
    public static void requireStoredCeiling(String op, int batch, int in, int out, int hidden, String dtype,
                                            String where) {
        if (!op.startsWith(CEILING_PREFIX)) {
            return;
        }
        try {
            parse(op, BenchmarkShape.of(batch, in, out, hidden, dtype));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + " has op " + op + ", which names no product at "
                    + BenchmarkShape.label(batch, in, out, hidden) + ": not written by layerbench");
        }
    }

    /** The product a ceiling row's op label names, at {@code shape}. */
    public static Product parse(String label, BenchmarkShape shape) {
        String name = label.startsWith(CEILING_PREFIX) ? label.substring(CEILING_PREFIX.length()) : label;
        String[] parts = name.split("\\.");
        if (parts.length != 2 || !List.of("l1", "l2").contains(parts[0])
                || parts[0].equals("l2") && shape.hidden() == 0) {
            throw new IllegalArgumentException("no product " + label + " at " + shape);
        }
        return switch (parts[1]) {
            case "xw" -> forward(shape, parts[0]);
            case "xtg" -> weightGradient(shape, parts[0]);
            case "gwt" -> inputGradient(shape, parts[0]);
            default -> throw new IllegalArgumentException("no product " + label + " (xw, xtg or gwt)");
        };
    }

    /** The FLOPs {@code impl} performs for {@code op}: the sum of its products'. */
    public static double flops(Implementation impl, Operation op, BenchmarkShape shape) {
        return of(impl, op, shape).stream().mapToDouble(Product::flops).sum();
    }

    private static Product forward(BenchmarkShape s, String layer) {
        return new Product(layer, "xw", s.batch(), width(s, layer, false), width(s, layer, true), false, true);
    }

    private static Product weightGradient(BenchmarkShape s, String layer) {
        return new Product(layer, "xtg", width(s, layer, false), width(s, layer, true), s.batch(), true, false);
    }

    private static Product inputGradient(BenchmarkShape s, String layer) {
        return new Product(layer, "gwt", s.batch(), width(s, layer, true), width(s, layer, false), false, false);
    }

    /** A layer's input width ({@code input}) or output width. */
    private static int width(BenchmarkShape s, String layer, boolean input) {
        if (s.hidden() == 0) {
            return input ? s.in() : s.out();
        }
        return layer.equals("l1") ? (input ? s.in() : s.hidden()) : (input ? s.hidden() : s.out());
    }
}
