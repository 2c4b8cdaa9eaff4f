package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads image/label pairs in the IDX format of MNIST and Fashion-MNIST, plain or gzipped.
 *
 * <p>An IDX file is a big-endian magic number (two zero bytes, a type byte — 0x08 for unsigned bytes — and the
 * number of dimensions), one 4-byte size per dimension, then the values. Pixels come back as floats 0..255,
 * unscaled: {@link Scale} does the scaling.
 *
 * <p>Every header is checked against the data before the data is trusted, so a damaged or hostile file is a
 * {@link BadInputException} naming it, never an allocation beyond what the file could hold, nor an index error.
 */
public final class IdxReader {
    /** Unsigned bytes, 3 dimensions: count × rows × columns. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension: count. */
    static final int LABELS_MAGIC = 0x00000801;
    /**
     * Deflate's largest expansion, about 1032 bytes out per byte in (zlib's technical notes): a gzip header that
     * claims more data than this allows is a lie, caught without allocating what it claims.
     */
    private static final long DEFLATE_MAX_EXPANSION = 1032;
    /** The buffers between file, inflater and conversion: large enough that per-call overhead vanishes. */
    private static final int READ_BUFFER_BYTES = 1 << 16;

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxReader() {
    }

    /**
     * One image file and its label file as a dataset.
     *
     * @param classNames one name per label value, or {@code null} for "0" .. the largest label present
     * @param source     what to record as the dataset's origin
     */
    public static Dataset read(Path images, Path labels, List<String> classNames, String source) {
        IdxContent x = readIdx(images, IMAGES_MAGIC);
        IdxContent y = readIdx(labels, LABELS_MAGIC);
        List<String> names = classNames != null ? classNames : Dataset.numberedNames("", maxLabel(y) + 1);
        return assemble(x, y, names, source);
    }

    /**
     * The standard four files of an MNIST-style directory ({@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS},
     * {@value #TEST_IMAGES}, {@value #TEST_LABELS}, each plain or with {@code .gz}) as their own train/test split.
     *
     * @param classNames one name per label value, or {@code null} for "0" .. the largest label in either part
     */
    public static DatasetSplit readDirectory(Path dir, List<String> classNames) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("IDX directory " + dir + " does not exist or is not a directory.");
        }
        Path trainImages = find(dir, TRAIN_IMAGES);
        Path trainLabels = find(dir, TRAIN_LABELS);
        Path testImages = find(dir, TEST_IMAGES);
        Path testLabels = find(dir, TEST_LABELS);
        IdxContent trainX = readIdx(trainImages, IMAGES_MAGIC);
        IdxContent trainY = readIdx(trainLabels, LABELS_MAGIC);
        IdxContent testX = readIdx(testImages, IMAGES_MAGIC);
        IdxContent testY = readIdx(testLabels, LABELS_MAGIC);
        // Without given names, both parts must still agree on the classes, so count them over both.
        List<String> names = classNames != null ? classNames
                : Dataset.numberedNames("", Math.max(maxLabel(trainY), maxLabel(testY)) + 1);
        return new DatasetSplit(assemble(trainX, trainY, names, trainImages.toString()),
                assemble(testX, testY, names, testImages.toString()));
    }

    /** Whether {@link #readDirectory} would find all four files in {@code dir}. */
    static boolean hasStandardFiles(Path dir) {
        return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS).stream()
                .allMatch(name -> existing(dir, name) != null);
    }

    private static Path find(Path dir, String name) {
        Path file = existing(dir, name);
        if (file == null) {
            throw new BadInputException("IDX directory " + dir + " has no " + name + " (nor " + name + ".gz).");
        }
        return file;
    }

    private static Path existing(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The header sizes and the unsigned byte values of one IDX file, as floats (exact: 0..255). */
    private record IdxContent(Path file, long[] dims, float[] values) {
        int count() {
            return (int) dims[0];
        }
    }

    private static Dataset assemble(IdxContent images, IdxContent labels, List<String> classNames, String source) {
        if (images.count() != labels.count()) {
            throw new BadInputException("IDX files " + images.file() + " and " + labels.file() + " disagree: "
                    + images.count() + " images but " + labels.count() + " labels.");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels.values()[i];
            if (y[i] >= classNames.size()) {
                throw new BadInputException("IDX label file " + labels.file() + " has label " + y[i] + " at row " + i
                        + ", but there are only " + classNames.size() + " classes " + classNames + ".");
            }
        }
        int rows = (int) images.dims()[1];
        int cols = (int) images.dims()[2];
        List<String> featureNames = new ArrayList<>(rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                featureNames.add("r" + r + "c" + c);
            }
        }
        return new Dataset(source, images.values(), images.count(), rows * cols, y, classNames, featureNames);
    }

    private static int maxLabel(IdxContent labels) {
        int max = 0;
        for (float label : labels.values()) {
            max = Math.max(max, (int) label);
        }
        return max;
    }

    private static IdxContent readIdx(Path file, int expectedMagic) {
        long fileBytes = sizeOf(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_BYTES)) {
            // The gzip magic, not the name, decides: downloads get renamed and decompressed behind our back.
            raw.mark(2);
            boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzipped ? new GZIPInputStream(raw, READ_BUFFER_BYTES) : raw;

            int magic = ByteBuffer.wrap(readHeader(in, file, 4)).getInt();
            if (magic != expectedMagic) {
                throw new BadInputException(String.format(Locale.US,
                        "IDX file %s has magic number 0x%08X, expected 0x%08X for an IDX %s file.", file, magic,
                        expectedMagic, expectedMagic == IMAGES_MAGIC ? "images" : "labels"));
            }
            int numDims = expectedMagic & 0xFF;
            ByteBuffer header = ByteBuffer.wrap(readHeader(in, file, 4 * numDims));
            long[] dims = new long[numDims];
            for (int i = 0; i < numDims; i++) {
                dims[i] = Integer.toUnsignedLong(header.getInt());
            }
            long values = checkedValueCount(file, dims);
            long headerBytes = 4L + 4L * numDims;
            if (!gzipped && fileBytes - headerBytes != values) {
                // A plain file's size tells us before reading anything whether the header is honest.
                throw sizeMismatch(file, dims, fileBytes - headerBytes);
            }
            HeapLimit.require(values * Float.BYTES, "IDX file " + file + ", with " + shape(dims) + " values,");
            if (gzipped && values > fileBytes * DEFLATE_MAX_EXPANSION) {
                // No gzip this small can hold that much: count what it does hold, allocating nothing.
                throw sizeMismatch(file, dims, in.transferTo(OutputStream.nullOutputStream()));
            }
            float[] floats = new float[(int) values];
            int read = readAsFloats(in, floats);
            long extra = read < values ? 0 : in.transferTo(OutputStream.nullOutputStream());
            if (read < values || extra > 0) {
                throw sizeMismatch(file, dims, read + extra);
            }
            return new IdxContent(file, dims, floats);
        } catch (ZipException | EOFException e) {
            throw new BadInputException("IDX file " + file + " is a corrupt or truncated gzip stream ("
                    + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new BadInputException("IDX file " + file + " could not be read: " + e.getMessage() + ".", e);
        }
    }

    /**
     * Fills {@code values} with the unsigned bytes of {@code in}, converted a buffer at a time while the buffer is
     * still in cache; returns how many were read (fewer when the stream ends early). Reading all the bytes first
     * and converting them after took a second pass over, and a page-faulting allocation of, 47 MB for
     * Fashion-MNIST's training images.
     */
    private static int readAsFloats(InputStream in, float[] values) throws IOException {
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        int filled = 0;
        while (filled < values.length) {
            int read = in.read(buffer, 0, Math.min(buffer.length, values.length - filled));
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                values[filled + i] = buffer[i] & 0xFF;
            }
            filled += read;
        }
        return filled;
    }

    private static long sizeOf(Path file) {
        return InputFiles.requireNonEmpty(file, "IDX file", "");
    }

    private static byte[] readHeader(InputStream in, Path file, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new BadInputException("IDX file " + file + " is truncated inside its header.");
        }
        return bytes;
    }

    /** The product of the header's sizes, refused when zero or beyond what one Java array can hold. */
    private static long checkedValueCount(Path file, long[] dims) {
        long values = 1;
        for (long dim : dims) {
            // Each dim is below 2^32 and values stays at most 2^31 here, so the product cannot overflow a long.
            values *= dim;
            if (values > HeapLimit.MAX_ARRAY_VALUES) {
                throw new BadInputException("IDX file " + file + " claims " + shape(dims) + " values, more than the "
                        + HeapLimit.MAX_ARRAY_VALUES + " one Java array can hold.");
            }
        }
        if (values == 0) {
            throw new BadInputException("IDX file " + file + " claims " + shape(dims) + " values, which is none.");
        }
        return values;
    }

    private static BadInputException sizeMismatch(Path file, long[] dims, long actualBytes) {
        long promised = 1;
        for (long dim : dims) {
            promised *= dim;
        }
        String problem = actualBytes < promised ? "is truncated" : "has trailing bytes";
        return new BadInputException("IDX file " + file + " " + problem + ": its header promises " + shape(dims)
                + " = " + promised + " data bytes but " + actualBytes + " follow the header.");
    }

    private static String shape(long[] dims) {
        StringJoiner joined = new StringJoiner(" × ");
        for (long dim : dims) {
            joined.add(Long.toString(dim));
        }
        return joined.toString();
    }
}
