package dev.layerbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes files so that readers see either the old content or the whole new one, never half: the bytes go to a
 * temporary file in the same directory, which is then renamed over the target. Several files are written in two
 * phases — every temporary file first, then the renames — so that a disk that fills up while writing (the only
 * step that needs room) leaves every previous file as it was, not a mix of old and new.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String content) {
        writeAll(Map.of(target, content));
    }

    /** Writes every file whole, or — when writing any of them fails — replaces none and says so. */
    public static void writeAll(Map<Path, String> contentByTarget) {
        List<Path[]> staged = new ArrayList<>();
        Path current = null;
        try {
            try {
                for (Map.Entry<Path, String> file : contentByTarget.entrySet()) {
                    current = file.getKey();
                    staged.add(new Path[]{stage(current, file.getValue()), current});
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + current + ": " + reason(e)
                        + "; the previous files are intact", e);
            }
            for (Path[] file : staged) {
                current = file[1];
                try {
                    Files.move(file[0], file[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file[0], file[1], StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + current + ": " + reason(e), e);
        } finally {
            for (Path[] file : staged) {
                try {
                    Files.deleteIfExists(file[0]);
                } catch (IOException e) {
                    // a leftover hidden temporary file is harmless
                }
            }
        }
    }

    /** The content in a temporary file beside {@code target}, readable by all like any result file. */
    private static Path stage(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                // temporary files are created owner-only (0600)
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults apply
            }
            return temp;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage();
    }
}
