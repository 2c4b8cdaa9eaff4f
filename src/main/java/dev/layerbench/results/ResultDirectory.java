package dev.layerbench.results;

import dev.layerbench.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --out} directory of a command: checked before any work, then written one whole file at a time. */
public record ResultDirectory(Path directory) {

    /** Checks the directory up front, so a bad {@code --out} fails before minutes of work, not after. */
    public static ResultDirectory in(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BadInputException("--out " + directory + " is a file, not a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new BadInputException("--out " + directory + " cannot be created: " + existing
                    + " is not a writable directory");
        }
        return new ResultDirectory(directory);
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    /** Writes each named file atomically; returns nothing until all are written. */
    public void write(Map<String, String> contentByName) {
        contentByName.forEach((name, content) -> AtomicFiles.write(file(name), content));
    }
}
