package dev.layerbench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes the small files the data tests read: IDX files (plain or gzipped, honest or not) and CSV tables. */
final class Fixtures {
    private Fixtures() {
    }

    /** An IDX file: the magic, then each size, then {@code data}, exactly as given even when they disagree. */
    static Path idx(Path file, int magic, int[] dims, byte[] data, boolean gzip) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(magic);
        for (int dim : dims) {
            buffer.putInt(dim);
        }
        buffer.put(data);
        return bytes(file, gzip ? gzip(buffer.array()) : buffer.array());
    }

    static Path images(Path file, int count, int rows, int cols, byte[] pixels, boolean gzip) {
        return idx(file, IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels, gzip);
    }

    static Path labels(Path file, byte[] labels, boolean gzip) {
        return idx(file, IdxReader.LABELS_MAGIC, new int[] {labels.length}, labels, gzip);
    }

    /** The four standard files of an MNIST-style directory: 1×2 images, train labels 0,1,0 and test labels 1,0. */
    static Path idxDirectory(Path dir, boolean gzip) {
        String suffix = gzip ? ".gz" : "";
        images(dir.resolve(IdxReader.TRAIN_IMAGES + suffix), 3, 1, 2, new byte[] {1, 2, 3, 4, 5, 6}, gzip);
        labels(dir.resolve(IdxReader.TRAIN_LABELS + suffix), new byte[] {0, 1, 0}, gzip);
        images(dir.resolve(IdxReader.TEST_IMAGES + suffix), 2, 1, 2, new byte[] {7, 8, 9, 10}, gzip);
        labels(dir.resolve(IdxReader.TEST_LABELS + suffix), new byte[] {1, 0}, gzip);
        return dir;
    }

    static Path csv(Path file, String... lines) {
        return bytes(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static Path bytes(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A dataset whose single column holds the row index, so tests can see which rows went where. */
    static Dataset rowIndexed(int... labels) {
        float[] x = new float[labels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        return new Dataset("fixture", x, labels.length, 1, labels, Dataset.numberedNames("", classes),
                List.of("row"));
    }

    /** {@code count} labels, the first {@code count − minority} of class 0 and the rest of class 1. */
    static int[] twoClassLabels(int count, int minority) {
        int[] labels = new int[count];
        for (int i = count - minority; i < count; i++) {
            labels[i] = 1;
        }
        return labels;
    }
}
