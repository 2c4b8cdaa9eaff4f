package dev.layerbench.bench;

import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * One benchmark run at a time per machine. Two runs at once compete for the cores and both measure noise; JMH
 * guards against it with a lock file ({@code <tmpdir>/jmh.lock}) but guards by failing — two Slurm tasks sharing
 * a node, or two users, would see one bench crash. {@code bench} takes JMH's own lock in the parent, waiting its
 * turn with a message, for as long as its children measure, and starts them with {@link #CHILD_PROPERTY} so
 * that their JMH does not find the lock taken — by their own parent — and give up.
 */
public final class MachineLock {
    /** JMH's switch to skip its lock; the parent holds the lock on the children's behalf. */
    static final String CHILD_PROPERTY = "-Djmh.ignoreLock=true";

    private MachineLock() {
    }

    /** Blocks until this process holds the machine's benchmark lock; {@code waiting} hears why when it blocks. */
    public static AutoCloseable acquire(Consumer<String> waiting) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                waiting.accept("waiting for another benchmark on this machine to end (it holds " + file + ")");
                channel.lock();
            }
            return channel::close;
        } catch (IOException e) {
            throw new BadInputException("cannot take the benchmark lock " + file + " (" + e.getMessage()
                    + "): another user's JMH may own it; give layerbench its own temporary folder with "
                    + "LAYERBENCH_JAVA_OPTS=-Djava.io.tmpdir=DIR", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
