package dev.layerbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerbench.BadInputException;
import dev.layerbench.data.IdxReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The IDX reader on arbitrary bytes, as the images file (beside a valid labels file) and as the labels file
 * (beside a valid images file). The first byte decides whether the rest is gzipped first (odd: yes), so both the
 * size-checked plain path and the streaming gzip path are fuzzed. Only {@link BadInputException} may escape.
 */
class IdxReaderFuzzTest {
    @TempDir
    static Path dir;
    private static Path validImages;
    private static Path validLabels;

    @BeforeAll
    static void writeValidFiles() {
        // Two 2×2 images and their two labels: the smallest pair the reader accepts.
        validImages = FuzzInput.write(dir.resolve("valid-images-idx3-ubyte"), ByteBuffer.allocate(4 + 12 + 8)
                .putInt(0x00000803).putInt(2).putInt(2).putInt(2).put(new byte[] {0, (byte) 255, 17, 3, 9, 8, 7, 6})
                .array());
        validLabels = FuzzInput.write(dir.resolve("valid-labels-idx1-ubyte"), ByteBuffer.allocate(4 + 4 + 2)
                .putInt(0x00000801).putInt(2).put(new byte[] {0, 1}).array());
    }

    @FuzzTest(maxDuration = "10s")
    void images(byte[] data) {
        Path images = FuzzInput.write(dir.resolve("fuzzed-images-idx3-ubyte"), FuzzInput.maybeGzipped(data));
        try {
            IdxReader.read(images, validLabels, null, "fuzz");
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }

    @FuzzTest(maxDuration = "10s")
    void labels(byte[] data) {
        Path labels = FuzzInput.write(dir.resolve("fuzzed-labels-idx1-ubyte"), FuzzInput.maybeGzipped(data));
        try {
            IdxReader.read(validImages, labels, null, "fuzz");
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }
}
