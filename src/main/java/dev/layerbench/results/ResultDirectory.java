package dev.layerbench.results;

import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --out} directory of a command: checked before any work, then written whole files or none. */
public record ResultDirectory(Path directory) {

    /**
     * Checks the directory up front, so a bad {@code --out} fails before minutes of work, not after. The
     * permission bits say yes to root everywhere — also in /proc, where no file can be created — so the check
     * creates (and deletes) a file where the directory is, or will be created: the one answer the file system
     * cannot get wrong.
     */
    public static ResultDirectory in(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new BadInputException("--out " + directory + " is a file, not a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException("--out " + directory + " cannot be created: " + existing
                    + " is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".layerbench-probe", ".tmp"));
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? ": " + f.getReason() : "";
            throw new BadInputException("--out " + directory + " cannot be written: no file can be created in "
                    + existing + reason);
        }
        return new ResultDirectory(directory);
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    /** Writes every named file whole, or none of them (see {@link AtomicFiles#writeAll}). */
    public void write(Map<String, String> contentByName) {
        Map<Path, String> byPath = new LinkedHashMap<>();
        contentByName.forEach((name, content) -> byPath.put(file(name), content));
        AtomicFiles.writeAll(byPath);
    }
}
