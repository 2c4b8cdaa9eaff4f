package dev.layerbench.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** What the fuzz tests share: turning the fuzzer's bytes into the files the readers take. */
final class FuzzInput {
    /** Inputs are cut to this size: the readers' bugs show in small files, and big ones only slow the fuzzer. */
    static final int MAX_BYTES = 64 * 1024;

    private FuzzInput() {
    }

    /** {@code data}, cut to {@link #MAX_BYTES}, written to {@code file} (replacing what the last run left). */
    static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data.length > MAX_BYTES ? Arrays.copyOf(data, MAX_BYTES) : data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first byte as a switch, the rest as the file: odd means gzip the rest, so the fuzzer reaches both the
     * plain and the decompressing path of a reader that sniffs the gzip magic. An empty input stays empty.
     */
    static byte[] maybeGzipped(byte[] data) {
        if (data.length == 0) {
            return data;
        }
        byte[] rest = Arrays.copyOfRange(data, 1, Math.min(data.length, MAX_BYTES));
        if ((data[0] & 1) == 0) {
            return rest;
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zipped.toByteArray();
    }

    /** A test resource of this package as bytes. */
    static byte[] resource(String name) {
        try (InputStream in = FuzzInput.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
