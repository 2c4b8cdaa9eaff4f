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
        Files.copy(Path.of("scripts/native-env.sh"), root.resolve("scripts/native-env.sh"));
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

    /** cpuinfo lines as Linux writes them: the vendor, and the flags (a few of the real ones around those asked). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "AuthenticAMD; fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 rdpid; SkylakeX",
            "AuthenticAMD; fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl; SkylakeX",
            "AuthenticAMD; fpu avx2 fma sha_ni; ''",
            "AuthenticAMD; fpu avx2 avx512f avx512dq avx512cd avx512bw; ''",
            "GenuineIntel; fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl amx_tile; SkylakeX",
            "GenuineIntel; fpu avx2 fma; ''",
            "HygonGenuine; fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl; ''"})
    void openBlasIsToldItsAvx512KernelsOnCpusWithAvx512(String vendor, String flags, String core)
            throws Exception {
        Path cpuinfo = root.resolve("cpuinfo");
        Files.writeString(cpuinfo, ("processor\t: 0\nvendor_id\t: %s\ncpu family\t: 25\nflags\t\t: %s\n\n"
                + "processor\t: 1\nvendor_id\t: %s\nflags\t\t: %s\n").formatted(vendor, flags, vendor, flags));
        ProcessBuilder ask = new ProcessBuilder("bash", "-c",
                "source scripts/native-env.sh && openblas_coretype_for \"$0\"", cpuinfo.toString())
                .redirectErrorStream(true);
        Process process = ask.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue(), output);
        assertEquals(core, output);
    }

    @ParameterizedTest
    @CsvSource({"'', PASSIVE", "ACTIVE, ACTIVE"})
    void theUsersOwnSettingsAreKept(String userValue, String kept) throws Exception {
        ProcessBuilder source = new ProcessBuilder("bash", "-c",
                "source scripts/native-env.sh && echo \"$OMP_WAIT_POLICY/$OPENBLAS_CORETYPE\"")
                .redirectErrorStream(true);
        source.environment().remove("OMP_WAIT_POLICY");
        if (!userValue.isEmpty()) {
            source.environment().put("OMP_WAIT_POLICY", userValue);
        }
        source.environment().put("OPENBLAS_CORETYPE", "Haswell");
        Process process = source.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));

        assertEquals(kept + "/Haswell", output);
    }
}
