package dev.layerbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final byte[] PIXELS = {0, 1, 2, 3, 127, (byte) 128, (byte) 254, (byte) 255, 9, 8, 7, 6};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripKeepsExactPixelValues(boolean gzip) {
        Path images = Fixtures.images(dir.resolve("images"), 3, 2, 2, PIXELS, gzip);
        Path labels = Fixtures.labels(dir.resolve("labels"), new byte[] {0, 2, 1}, gzip);
        Dataset data = IdxReader.read(images, labels, null, "test");
        assertEquals(3, data.rows());
        assertEquals(4, data.columns());
        assertArrayEquals(new float[] {0, 1, 2, 3, 127, 128, 254, 255, 9, 8, 7, 6}, data.features());
        assertArrayEquals(new int[] {0, 2, 1}, data.labels());
        assertEquals(List.of("0", "1", "2"), data.classNames());
        assertEquals(List.of("r0c0", "r0c1", "r1c0", "r1c1"), data.featureNames());
        assertEquals("test", data.source());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void imagesLongerThanTheReadBufferArriveWhole(boolean gzip) {
        // 3 × 150 × 150 = 67,500 pixels, more than one 64 KB read: every byte value, in a pattern that would show
        // a chunk lost, repeated or shifted.
        byte[] pixels = new byte[3 * 150 * 150];
        float[] expected = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7 + i / 256);
            expected[i] = pixels[i] & 0xFF;
        }
        Path images = Fixtures.images(dir.resolve("images"), 3, 150, 150, pixels, gzip);
        Path labels = Fixtures.labels(dir.resolve("labels"), new byte[] {1, 0, 1}, gzip);
        assertArrayEquals(expected, IdxReader.read(images, labels, null, "test").features());
    }

    @Test
    void gzipIsRecognisedByContentNotByName() {
        Path images = Fixtures.images(dir.resolve("images.raw"), 3, 2, 2, PIXELS, true);
        Path labels = Fixtures.labels(dir.resolve("labels.gz"), new byte[] {0, 1, 1}, false);
        assertEquals(List.of("a", "b"), IdxReader.read(images, labels, List.of("a", "b"), "t").classNames());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void directoryGivesItsOwnTrainTestSplit(boolean gzip) {
        DatasetSplit split = IdxReader.readDirectory(Fixtures.idxDirectory(dir, gzip), null);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, split.train().features());
        assertArrayEquals(new float[] {7, 8, 9, 10}, split.test().features());
        assertArrayEquals(new int[] {1, 0}, split.test().labels());
        assertEquals(List.of("0", "1"), split.train().classNames());
    }

    @Test
    void directoryCountsClassesOverBothParts() {
        Fixtures.idxDirectory(dir, false);
        Fixtures.labels(dir.resolve(IdxReader.TEST_LABELS), new byte[] {2, 0}, false);
        DatasetSplit split = IdxReader.readDirectory(dir, null);
        assertEquals(List.of("0", "1", "2"), split.train().classNames());
    }

    @Test
    void directoryMissingAFileNamesDirectoryAndFile() throws Exception {
        Files.delete(Fixtures.idxDirectory(dir, true).resolve(IdxReader.TEST_LABELS + ".gz"));
        assertBadInput(() -> IdxReader.readDirectory(dir, null), dir.toString(), "t10k-labels-idx1-ubyte");
    }

    @Test
    void missingDirectoryIsNamed() {
        Path missing = dir.resolve("nowhere");
        assertBadInput(() -> IdxReader.readDirectory(missing, null), missing.toString(), "does not exist");
    }

    @Test
    void missingFile() {
        Path labels = Fixtures.labels(dir.resolve("labels"), new byte[] {0}, false);
        Path missing = dir.resolve("images");
        assertBadInput(() -> IdxReader.read(missing, labels, null, "t"), missing.toString(), "does not exist");
    }

    @Test
    void emptyFile() {
        Path empty = Fixtures.bytes(dir.resolve("images"), new byte[0]);
        assertBadInput(() -> read(empty), empty.toString(), "is empty");
    }

    @Test
    void wrongMagicSaysExpectedAndFound() {
        Path labelsAsImages = Fixtures.labels(dir.resolve("images"), new byte[] {0, 1, 1}, false);
        assertBadInput(() -> read(labelsAsImages), labelsAsImages.toString(), "magic number 0x00000801",
                "expected 0x00000803");
    }

    @Test
    void truncatedHeader() {
        Path file = Fixtures.bytes(dir.resolve("images"), new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0});
        assertBadInput(() -> read(file), file.toString(), "truncated inside its header");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedData(boolean gzip) {
        Path file = Fixtures.images(dir.resolve("images"), 4, 2, 2, PIXELS, gzip); // promises 16, holds 12
        assertBadInput(() -> read(file), file.toString(), "is truncated", "4 × 2 × 2 = 16 data bytes but 12");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trailingBytes(boolean gzip) {
        Path file = Fixtures.images(dir.resolve("images"), 2, 2, 2, PIXELS, gzip); // promises 8, holds 12
        assertBadInput(() -> read(file), file.toString(), "has trailing bytes", "8 data bytes but 12");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void headerClaimingMoreThanAnArrayHoldsIsRefusedBeforeReading(boolean gzip) {
        Path file = Fixtures.images(dir.resolve("images"), 65536, 65536, 65536, PIXELS, gzip);
        assertBadInput(() -> read(file), file.toString(), "claims 65536 × 65536 × 65536 values",
                "more than the 2147483639");
        Path negative = Fixtures.images(dir.resolve("negative"), -1, 28, 28, PIXELS, gzip);
        assertBadInput(() -> read(negative), negative.toString(), "claims 4294967295 × 28 × 28 values");
    }

    @Test
    void gzipHeaderLyingAboutItsSizeFailsAtTheEndOfTheData() {
        // 10^9 values would be allowed, but the stream ends after 12: this must fail fast, allocating little.
        Path file = Fixtures.images(dir.resolve("images"), 1000, 1000, 1000, PIXELS, true);
        assertBadInput(() -> read(file), file.toString(), "is truncated", "but 12 follow");
    }

    @Test
    void zeroDimensionIsRefused() {
        Path file = Fixtures.images(dir.resolve("images"), 0, 28, 28, new byte[0], false);
        assertBadInput(() -> read(file), file.toString(), "0 × 28 × 28 values, which is none");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path images = Fixtures.images(dir.resolve("images"), 3, 2, 2, PIXELS, false);
        Path labels = Fixtures.labels(dir.resolve("labels"), new byte[] {0, 1}, false);
        assertBadInput(() -> IdxReader.read(images, labels, null, "t"), images.toString(), labels.toString(),
                "3 images but 2 labels");
    }

    @Test
    void labelBeyondTheClassNamesIsRefused() {
        Path images = Fixtures.images(dir.resolve("images"), 3, 2, 2, PIXELS, false);
        Path labels = Fixtures.labels(dir.resolve("labels"), new byte[] {0, 5, 1}, false);
        assertBadInput(() -> IdxReader.read(images, labels, List.of("a", "b"), "t"), labels.toString(),
                "label 5 at row 1", "only 2 classes");
    }

    @Test
    void corruptGzipStreamIsBadInput() {
        byte[] gz = Fixtures.gzip(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6});
        byte[] corrupt = gz.clone();
        for (int i = 10; i < corrupt.length - 8; i++) {
            corrupt[i] ^= (byte) 0x5A; // scramble the deflate data, keep the gzip magic
        }
        Path file = Fixtures.bytes(dir.resolve("corrupt"), corrupt);
        assertBadInput(() -> read(file), file.toString(), "corrupt or truncated gzip stream");
        Path cut = Fixtures.bytes(dir.resolve("cut"), Arrays.copyOf(gz, gz.length - 12));
        assertBadInput(() -> read(cut), cut.toString(), "corrupt or truncated gzip stream");
    }

    /** Reads {@code images} with a matching labels file that must never be the problem. */
    private Dataset read(Path images) {
        Path labels = Fixtures.labels(dir.resolve("good-labels"), new byte[] {0, 1, 0}, false);
        return IdxReader.read(images, labels, null, "t");
    }
}
