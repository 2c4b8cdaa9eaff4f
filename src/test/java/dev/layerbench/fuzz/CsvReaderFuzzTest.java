package dev.layerbench.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.layerbench.BadInputException;
import dev.layerbench.data.CsvReader;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The CSV reader on arbitrary bytes, with target column "label". Only {@link BadInputException} may escape. */
class CsvReaderFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest(maxDuration = "10s")
    void csv(byte[] data) {
        Path file = FuzzInput.write(dir.resolve("fuzzed.csv"), data);
        try {
            CsvReader.read(file, "label");
        } catch (BadInputException expected) {
            // The reader's promise for a bad file.
        }
    }
}
