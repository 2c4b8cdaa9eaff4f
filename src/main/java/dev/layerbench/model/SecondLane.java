package dev.layerbench.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A second core for work made of independent pieces: one daemon thread, started on first use, that takes pieces
 * beside the caller while the caller takes its own.
 *
 * <p>Why: OpenBLAS's small-matrix kernels, which skinny products are cut for ({@link SmallMatrixKernels}), never
 * thread, so the cut pieces ran one after the other on one core even where the row's budget was two threads — at
 * 1024 × 784 → 10 own's weight gradient took 382 µs on one core where PyTorch's took 159 on two
 * (benchmarks/NOTES.md, section 12); on other cores OpenBLAS's own two threads made such products slower than one
 * (section 13), and the hidden layer's 128 × 784 → 64 product erratic (section 15), so below the thread policy's
 * line OpenBLAS keeps one thread and the lane takes half of each product.
 *
 * <p>Pieces are claimed, not assigned: caller and lane each take the next unclaimed piece until none is left, so a
 * lane that wakes late costs nothing but the pieces the caller took meanwhile, and {@link #run} returns only when
 * every claimed piece is finished; a piece that throws, on either thread, is rethrown by {@link #run} once the
 * rest are done. A claim is one compare-and-set on a word holding the split's generation and the
 * next piece: a lane that read an older split's work cannot claim in a newer one. No heap per split — the work is
 * an object its owner keeps and re-aims ({@link Pieces}). After its last piece the lane spins for
 * {@link #SPIN_NANOS} (a train step's next product follows within tens of µs), then parks. One split at a time
 * in the process: a caller that finds the lane taken runs every piece itself.
 */
final class SecondLane {
    /** Work made of pieces 0 … count − 1 that may run in any order, on any thread; lane 0 is the caller's. */
    interface Pieces {
        void run(int lane, int piece);
    }

    /** How long the lane spins for more work after its last piece before it parks. */
    static final long SPIN_NANOS = 50_000;

    /**
     * The process's lane. Used only where the thread policy allows two threads ({@link ThreadPolicy#secondLane}),
     * and only for pieces OpenBLAS runs on the calling thread (its small-matrix kernels, products below its
     * one-thread line, or any product while the policy keeps OpenBLAS to one thread), during which the BLAS's own
     * threads are idle.
     */
    static final SecondLane INSTANCE = new SecondLane();

    /** No split open: set before the work is re-aimed, so a stale claim fails. */
    private static final long CLOSED = -1;

    private final AtomicBoolean taken = new AtomicBoolean();
    /** Generation (high 32 bits) and the next unclaimed piece (low 32 bits) of the open split, or CLOSED. */
    private final AtomicLong claim = new AtomicLong(CLOSED);
    private final AtomicInteger finished = new AtomicInteger();
    /** Written only while {@link #claim} is CLOSED; read by the lane between reading a claim and making it. */
    private Pieces work;
    private int count;
    private int generation;
    private volatile Throwable failure;
    private Thread lane;
    /** Set by {@link ThreadPolicy#apply}, like the native libraries' thread counts beside it. */
    private volatile boolean allowed;

    private SecondLane() {
    }

    /** Whether products may be shared with the lane, as the thread policy last applied says. */
    boolean allowed() {
        return allowed;
    }

    void allow(boolean allowed) {
        this.allowed = allowed;
    }

    /** Runs pieces 0 … count − 1 of {@code pieces}, on this thread and the lane's, and returns when all are done. */
    void run(Pieces pieces, int count) {
        if (count < 2 || !taken.compareAndSet(false, true)) {
            for (int piece = 0; piece < count; piece++) {
                pieces.run(0, piece);
            }
            return;
        }
        try {
            work = pieces;
            this.count = count;
            finished.set(0);
            failure = null;
            generation++;
            claim.set((long) generation << 32);
            wake();
            while (claimAndRun(0)) {
                // the caller's share: whatever the lane has not claimed
            }
            while (finished.get() < count) {
                Thread.onSpinWait();
            }
        } finally {
            claim.set(CLOSED);
            work = null;
            taken.set(false);
        }
        Throwable lost = failure;
        if (lost instanceof RuntimeException runtime) {
            throw runtime;
        } else if (lost instanceof Error error) {
            throw error;
        }
    }

    /** Claims the open split's next piece and runs it; false when there is none to claim. */
    private boolean claimAndRun(int laneIndex) {
        while (true) {
            long seen = claim.get();
            if (seen == CLOSED) {
                return false;
            }
            Pieces pieces = work;
            int next = (int) seen;
            if (pieces == null || next >= count) {
                return false;
            }
            if (claim.compareAndSet(seen, seen + 1)) {
                try {
                    pieces.run(laneIndex, next);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    finished.incrementAndGet();
                }
                return true;
            }
        }
    }

    private void wake() {
        if (lane == null) {
            lane = new Thread(this::serve, "layerbench-second-lane");
            lane.setDaemon(true);
            lane.start();
        } else {
            LockSupport.unpark(lane);
        }
    }

    private void serve() {
        long idleSince = System.nanoTime();
        while (true) {
            if (claimAndRun(1)) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                idleSince = System.nanoTime();
            }
        }
    }
}
