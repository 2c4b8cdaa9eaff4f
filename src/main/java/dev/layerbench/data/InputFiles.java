package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every data file gets before a reader opens it, with the same wording for every format. */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Returns the size of {@code file} in bytes.
     *
     * @param kind how messages name the file, e.g. "CSV file"
     * @param emptyReason what an empty file lacks, appended to "… is empty"; may be ""
     */
    static long requireNonEmpty(Path file, String kind, String emptyReason) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(kind + " " + file + " does not exist or is not a regular file.");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(kind + " " + file + " could not be read: " + e.getMessage() + ".", e);
        }
        if (size == 0) {
            throw new BadInputException(kind + " " + file + " is empty" + emptyReason + ".");
        }
        return size;
    }
}
