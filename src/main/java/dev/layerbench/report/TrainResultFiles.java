package dev.layerbench.report;

import dev.layerbench.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files a train run writes into its {@code --out} directory: {@code epochs.csv} and {@code run.json}. */
public record TrainResultFiles(Path directory) {

    /** Checks the directory up front, so a bad {@code --out} fails before minutes of training, not after. */
    public static TrainResultFiles in(Path directory) {
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
        return new TrainResultFiles(directory);
    }

    public Path epochsCsv() {
        return directory.resolve("epochs.csv");
    }

    public Path runJson() {
        return directory.resolve("run.json");
    }

    public void write(TrainResult result) {
        AtomicFiles.write(epochsCsv(), EpochTable.csv(result.epochs()));
        AtomicFiles.write(runJson(), Json.write(result));
    }
}
