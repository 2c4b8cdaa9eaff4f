package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.Locale;

/**
 * Refuses to load data that cannot fit, so a too-large file is a clear message instead of an
 * {@link OutOfMemoryError} halfway through reading it.
 */
final class HeapLimit {
    /** The largest array the JVM allocates; a dataset's rows × columns must stay below it. */
    static final long MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;

    private HeapLimit() {
    }

    /**
     * @param bytes   what the data will take in memory
     * @param culprit the start of the sentence, naming the file: "IDX file /x holds 60000 × 28 × 28 pixels, which"
     */
    static void require(long bytes, String culprit) {
        long maxBytes = Runtime.getRuntime().maxMemory();
        if (bytes > maxBytes) {
            throw new BadInputException(String.format(Locale.US,
                    "%s would need %,d MB of memory, more than the %,d MB this JVM may use; raise -Xmx.",
                    culprit, bytes >> 20, maxBytes >> 20));
        }
    }
}
