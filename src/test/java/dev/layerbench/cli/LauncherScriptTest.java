package dev.layerbench.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "No surprises": {@code scripts/layerbench} rebuilds the jar when what it is built from has changed —
 * benchmarks/ included, or an edited benchmark would silently run the old jar. The script runs on a copy of the
 * tree with stand-ins for mvn (which notes that it was asked to build) and java.
 */
class LauncherScriptTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource({"benchmarks/DenseBench.java, true", "src/main/java/A.java, true", "pom.xml, true",
            "benchmarks/NOTES.md, false"})
    void rebuildsWhenASourceIsNewerThanTheJar(String edited, boolean rebuilds) throws Exception {
        Path script = root.resolve("scripts/layerbench");
        Files.createDirectories(script.getParent());
        Files.copy(Path.of("scripts/layerbench"), script);
        Path bin = Files.createDirectories(root.resolve("bin"));
        executable(bin.resolve("mvn"), "touch \"" + root.resolve("built") + "\"");
        executable(bin.resolve("java"), "exit 0");
        for (String file : new String[]{"pom.xml", "src/main/java/A.java", "benchmarks/DenseBench.java",
                "benchmarks/NOTES.md", "target/layerbench.jar"}) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "");
        }
        // every file and folder older than the jar, which is older than the edit
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.toList()) {
                Files.setLastModifiedTime(path, old);
            }
        }
        Files.setLastModifiedTime(root.resolve("target/layerbench.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(root.resolve(edited), "edited");

        ProcessBuilder launch = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        launch.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = launch.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue(), output);
        assertEquals(rebuilds, Files.exists(root.resolve("built")), edited + ": " + output);
    }

    private static void executable(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
