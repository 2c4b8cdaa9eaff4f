package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.LoadedBackend;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child JVM's temporary folder: what it leaves when the child succeeds and when it rejects its input (a child
 * whose parent is killed is BenchResumeTest's and StudyResumeTest's). Another layerbench starting cpu children on
 * this machine while it runs would show here as a folder that outlived its child.
 */
class ChildProcessTest {
    @Test
    void aChildThatSucceedsOrRejectsItsInputLeavesNoFolderBehind() throws Exception {
        List<Path> before = folders();

        LoadedBackend loaded = ChildProcess.run(Backend.CPU, Path.of("natives-unused-by-cpu"), 1,
                List.of("probe-child", "--backend", "cpu"), LoadedBackend.class, line -> { });
        BadInputException rejected = assertThrows(BadInputException.class, () -> ChildProcess.run(Backend.CPU,
                Path.of("natives-unused-by-cpu"), 1, List.of("probe-child", "--backend", "no-such-backend"),
                LoadedBackend.class, line -> { }));

        assertEquals(Backend.CPU, loaded.backend());
        assertTrue(rejected.getMessage().contains("no-such-backend"), rejected.getMessage());
        assertEquals(before, folders(), "a child's folder outlived it");
    }

    /** This machine's folders of cpu children, whoever made them. */
    private static List<Path> folders() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith(ChildProcess.FOLDER_PREFIX + "cpu-"))
                    .sorted().toList();
        }
    }
}
