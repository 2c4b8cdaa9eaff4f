package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.results.ResultDirectory;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A command's {@code --out} (or {@code --resume}) directory, proven writable before any work starts.
 * {@link ResultDirectory#in} asks the permission bits, and they say yes to root everywhere — also in /proc, where
 * no file can be created — so a run would train for minutes and then fail to write. Creating (and deleting) a
 * file where the directory is, or will be created, is the only answer the file system cannot get wrong.
 */
final class OutDirectory {
    private OutDirectory() {
    }

    static ResultDirectory writable(Path directory) {
        ResultDirectory files = ResultDirectory.in(directory);
        // ResultDirectory.in has found an existing ancestor (the directory itself, if it exists)
        Path existing = directory.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            Files.delete(Files.createTempFile(existing, ".layerbench-probe", ".tmp"));
        } catch (IOException e) {
            String reason = e instanceof FileSystemException f && f.getReason() != null ? ": " + f.getReason() : "";
            throw new BadInputException("--out " + directory + " cannot be written: no file can be created in "
                    + existing + reason);
        }
        return files;
    }
}
