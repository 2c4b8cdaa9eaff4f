package dev.layerbench.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second lane's contract: every piece of a split runs exactly once and has finished when {@code run} returns,
 * the lane does take pieces, a failing piece is rethrown without losing the rest, and concurrent callers are safe.
 */
class SecondLaneTest {
    /** Counts each piece's runs, and the pieces each lane ran. */
    private static final class Counted implements SecondLane.Pieces {
        final AtomicIntegerArray runs;
        final AtomicIntegerArray byLane = new AtomicIntegerArray(2);
        final int failing;

        Counted(int count, int failing) {
            runs = new AtomicIntegerArray(count);
            this.failing = failing;
        }

        @Override
        public void run(int lane, int piece) {
            long until = System.nanoTime() + 2_000; // a little work, so that both lanes get to claim
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            runs.incrementAndGet(piece);
            byLane.incrementAndGet(lane);
            if (piece == failing) {
                throw new IllegalArgumentException("piece " + piece);
            }
        }
    }

    @Test
    void everyPieceRunsExactlyOnceAndTheLaneTakesItsShare() {
        int onLane = 0;
        for (int split = 0; split < 3000; split++) {
            int count = 1 + split % 9;
            Counted pieces = new Counted(count, -1);
            SecondLane.INSTANCE.run(pieces, count);
            for (int piece = 0; piece < count; piece++) {
                assertEquals(1, pieces.runs.get(piece), "split " + split + ", piece " + piece);
            }
            onLane += pieces.byLane.get(1);
        }
        assertTrue(onLane > 0, "the lane ran no piece in 3000 splits");
    }

    @Test
    void aFailingPieceIsRethrownAfterTheOthersRan() {
        for (int failing = 0; failing < 8; failing++) {
            Counted pieces = new Counted(8, failing);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> SecondLane.INSTANCE.run(pieces, 8));
            assertEquals("piece " + failing, thrown.getMessage());
            for (int piece = 0; piece < 8; piece++) {
                assertEquals(1, pieces.runs.get(piece));
            }
        }
        Counted after = new Counted(5, -1);
        SecondLane.INSTANCE.run(after, 5);
        assertEquals(5, after.byLane.get(0) + after.byLane.get(1), "the lane works after a failure");
    }

    @Test
    void concurrentCallersEachGetEveryPieceOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] done = new Future<?>[3];
            for (int caller = 0; caller < 3; caller++) {
                done[caller] = callers.submit(() -> {
                    start.await();
                    for (int split = 0; split < 1000; split++) {
                        Counted pieces = new Counted(6, -1);
                        SecondLane.INSTANCE.run(pieces, 6);
                        for (int piece = 0; piece < 6; piece++) {
                            assertEquals(1, pieces.runs.get(piece));
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> caller : done) {
                caller.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aSplitAllocatesNothingOnEitherThreadOnceWarm() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled(), "this JVM does not count a thread's allocated bytes");
        int[] runs = new int[8];
        SecondLane.Pieces pieces = (lane, piece) -> runs[piece]++;
        SecondLane.INSTANCE.run(pieces, 8); // starts the lane
        long lane = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("layerbench-second-lane")).findFirst().orElseThrow().getId();
        long deadline = System.nanoTime() + 20_000_000_000L;
        long callerBytes;
        long laneBytes;
        do { // until the JIT has compiled both loops, as in SteadyStateAllocationTest
            long caller0 = threads.getCurrentThreadAllocatedBytes();
            long lane0 = threads.getThreadAllocatedBytes(lane);
            for (int split = 0; split < 5000; split++) {
                SecondLane.INSTANCE.run(pieces, 8);
            }
            callerBytes = threads.getCurrentThreadAllocatedBytes() - caller0;
            laneBytes = threads.getThreadAllocatedBytes(lane) - lane0;
        } while ((callerBytes > 0 || laneBytes > 0) && System.nanoTime() < deadline);
        assertEquals(0, callerBytes, "caller");
        assertEquals(0, laneBytes, "lane");
    }
}
