package dev.layerbench;

import dev.layerbench.backend.CudaCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell scripts that decide what a GPU machine builds and whether it works, run for real against fake
 * nvidia-smi scripts (NVIDIA_SMI): what they print for a GPU of each generation, for a broken driver and for no
 * driver at all, and how they refuse bad arguments. No GPU is needed, and none is used even where there is one.
 */
class GpuScriptsTest {
    @TempDir
    Path fakes;

    /** A fake nvidia-smi printing {@code computeCapabilities} (one GPU a line) for compute_cap and GPU names for name. */
    private Path fakeNvidiaSmi(String computeCapabilities) throws IOException {
        return fake("case \"$1\" in\n"
                + "  --query-gpu=compute_cap) printf '" + computeCapabilities.replace(";", "\\n") + "\\n' ;;\n"
                + "  --query-gpu=name) printf 'NVIDIA Fake GPU\\n' ;;\n"
                + "  *) exit 3 ;;\n"
                + "esac\n");
    }

    /** What nvidia-smi does when the driver is not loaded. */
    private Path brokenNvidiaSmi() throws IOException {
        return fake("echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\nexit 9\n");
    }

    private Path fake(String body) throws IOException {
        Path script = Files.createTempFile(fakes, "nvidia-smi", "");
        Files.writeString(script, "#!/bin/sh\n" + body);
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run run(Path nvidiaSmi, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/" + script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("NVIDIA_SMI", nvidiaSmi.toString());
        Path out = fakes.resolve("out");
        Path err = fakes.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), script + " did not end");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "compute capability {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "8.6      | nd4j-cuda,pytorch-cuda | ",
            "8.9      | nd4j-cuda,pytorch-cuda | ",      // Ada runs sm_86 machine code: same major, later minor
            "3.7      | nd4j-cuda,pytorch-cuda | ",
            "9.0      | pytorch-cuda           | ND4J CUDA 11.6 has machine code for sm_37–sm_86 only; GPU 0 is sm_90",
            "12.0     | pytorch-cuda           | GPU 0 is sm_120",
            "3.5      | pytorch-cuda           | GPU 0 is sm_35",
            "8.6;9.0  | pytorch-cuda           | GPU 1 is sm_90",   // every GPU must run it, or a child may land on one that cannot
            "[N/A]    | pytorch-cuda           | compute capability as '[N/A]', not major.minor",
    })
    void aGpuGetsPytorchCudaAndNd4jCudaOnlyWhereItsMachineCodeRuns(String capabilities, String profiles,
                                                                    String why) throws Exception {
        Run run = run(fakeNvidiaSmi(capabilities), "gpu-profiles.sh");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(profiles + "\n", run.out());
        if (why == null) {
            assertEquals("", run.err());
        } else {
            assertTrue(run.err().contains(why) && run.err().contains("nd4j-cuda left out"), run.err());
        }
        assertEquals(profiles + ",cpu-builds\n", run(fakeNvidiaSmi(capabilities), "gpu-profiles.sh",
                "--with-cpu-builds").out());
        if (capabilities.matches("\\d+\\.\\d")) {
            // doctor decides the same in Java (CudaCompatibility), before the build is there to read
            assertEquals(profiles.contains("nd4j-cuda"), CudaCompatibility.checkNd4jCuda(capabilities).runnable());
        }
    }

    /** The script's list of ND4J's machine code is the one doctor uses. */
    @Test
    void theScriptListsTheMachineCodeDoctorKnows() throws IOException {
        String line = Files.readAllLines(Path.of("scripts/gpu-profiles.sh")).stream()
                .filter(l -> l.startsWith("nd4j_cubins=(")).findFirst().orElseThrow();
        Set<Integer> listed = Arrays.stream(line.substring(line.indexOf('(') + 1, line.indexOf(')')).trim()
                .split("\\s+")).map(Integer::valueOf).collect(Collectors.toSet());
        assertEquals(CudaCompatibility.ND4J_CUDA_CUBINS, listed);
    }

    @Test
    void noDriverOrNoNvidiaSmiMeansNoGpuProfileAndALineSayingWhy() throws Exception {
        Run broken = run(brokenNvidiaSmi(), "gpu-profiles.sh");
        assertEquals(0, broken.exitCode(), broken.err());
        assertEquals("", broken.out());
        assertTrue(broken.err().contains("failed (NVIDIA-SMI has failed because it couldn't communicate with the "
                + "NVIDIA driver.): no GPU profile, CPU only"), broken.err());

        Run absent = run(fakes.resolve("no-such-nvidia-smi"), "gpu-profiles.sh", "--with-cpu-builds");
        assertEquals(0, absent.exitCode(), absent.err());
        assertEquals("cpu-builds\n", absent.out());
        assertTrue(absent.err().contains("no-such-nvidia-smi on this machine: no GPU profile, CPU only"), absent.err());

        Run none = run(fake("exit 0\n"), "gpu-profiles.sh");
        assertEquals("", none.out());
        assertTrue(none.err().contains("lists no GPU"), none.err());
    }

    @Test
    void gpuProfilesRefusesAnUnknownArgumentInOneLine() throws Exception {
        Run run = run(fakeNvidiaSmi("8.6"), "gpu-profiles.sh", "--with-cpu-build");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void runSuiteHelpPrintsTheUsage() throws Exception {
        Run run = run(brokenNvidiaSmi(), "run-suite.sh", "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Usage: scripts/run-suite.sh [--machine NAME] [--preset smoke|quick|full]"),
                run.out());
        assertTrue(run.out().contains("--no-build"), run.out());
    }

    /** The flags are read before anything is built or run, so these return at once. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--preset                     | run-suite.sh: --preset needs a value; usage: scripts/run-suite.sh",
            "--machine m --results        | run-suite.sh: --results needs a value; usage:",
            "--backends --no-build        | run-suite.sh: --backends needs a value; usage:",
            "--presets quick              | run-suite.sh: unknown argument '--presets'; usage:",
    })
    void runSuiteRefusesAFlagWithoutItsValueInOneLine(String args, String message) throws Exception {
        Run run = run(brokenNvidiaSmi(), "run-suite.sh", args.split(" "));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith(message), run.err());
        assertFalse(run.err().contains("unbound variable"), run.err());
    }

    /** The self-test must not pass, or even get going, on a machine whose nvidia-smi finds no GPU. */
    @Test
    void gpuSelftestWithoutAGpuSaysNothingCanPassAndExitsOne() throws Exception {
        Run broken = run(brokenNvidiaSmi(), "gpu-selftest.sh");
        assertEquals(1, broken.exitCode(), broken.err());
        assertEquals(1, broken.out().lines().count(), broken.out());
        assertTrue(broken.out().startsWith("FAIL no GPU: nothing can pass ("), broken.out());
        assertTrue(broken.out().contains("failed: NVIDIA-SMI has failed"), broken.out());

        Run absent = run(fakes.resolve("no-such-nvidia-smi"), "gpu-selftest.sh");
        assertEquals(1, absent.exitCode(), absent.err());
        assertEquals("FAIL no GPU: nothing can pass (no " + fakes.resolve("no-such-nvidia-smi")
                + " on this machine)\n", absent.out());
    }

    /**
     * The self-test's own bookkeeping, with layerbench replaced by a fake java that answers as the H200 did but for
     * one failed check: every PASS and FAIL line is counted, and one FAIL fails the run. (The H200's run printed four
     * PASS lines and "2 passed": gpu-check's lines went uncounted, so a failed correctness check would have exited 0.)
     */
    @Test
    void gpuSelftestCountsEveryCheckAndFailsOnOne() throws Exception {
        Path root = Files.createDirectories(fakes.resolve("root"));
        Files.createDirectories(root.resolve("scripts"));
        for (String script : List.of("gpu-selftest.sh", "gpu-profiles.sh", "native-env.sh")) {
            Files.copy(Path.of("scripts", script), root.resolve("scripts").resolve(script));
        }
        Files.createDirectories(root.resolve("target"));
        Files.createFile(root.resolve("target/layerbench.jar"));
        Path bin = Files.createDirectories(fakes.resolve("bin"));
        String device = "PyTorch 2.11.0 via DJL 0.30.0, tensors on gpu(0), NVIDIA Fake GPU, compute capability 9.0";
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, """
                #!/bin/sh
                case "$*" in
                  *'doctor --json'*) cat <<'JSON'
                [ {
                  "backend" : "cpu",
                  "runs" : true,
                  "device" : "ND4J CpuBackend",
                  "detail" : ""
                }, {
                  "backend" : "pytorch-cuda",
                  "runs" : true,
                  "device" : "DEVICE",
                  "detail" : "libtorch 2.11.0"
                } ]
                JSON
                    ;;
                  *'gpu-check --backend pytorch-cuda'*) echo 'gpu-check pytorch-cuda: ran on DEVICE'
                    echo 'PASS correctness pytorch-cuda: max relative error 1.82e-06'
                    echo 'FAIL timing pytorch-cuda: ratio 1.02'; exit 1 ;;
                  *) exit 3 ;;
                esac
                """.replace("DEVICE", device));
        assertTrue(fakeJava.toFile().setExecutable(true));

        ProcessBuilder builder = new ProcessBuilder("bash", "scripts/gpu-selftest.sh").directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("NVIDIA_SMI", fakeNvidiaSmi("9.0").toString());
        builder.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), out);

        assertTrue(out.contains("SKIP cuda (every path)"), out);
        assertTrue(out.contains("PASS loaded pytorch-cuda: " + device + "\n"), out);
        assertTrue(out.contains("PASS correctness pytorch-cuda: max relative error 1.82e-06\n"), out);
        assertTrue(out.contains("FAIL timing pytorch-cuda: ratio 1.02\n"), out);
        assertTrue(out.contains("PASS gpu-name pytorch-cuda: the device string names NVIDIA Fake GPU\n"), out);
        assertTrue(out.contains("gpu-selftest: 3 passed, 1 failed, 1 skipped;"), out);
        assertEquals(1, process.exitValue(), out);
    }

    @Test
    void gpuSelftestHelpPrintsWhatItChecks() throws Exception {
        Run run = run(brokenNvidiaSmi(), "gpu-selftest.sh", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String path : List.of("loaded", "correctness", "timing", "gpu-name")) {
            assertTrue(run.out().contains("  " + path + " "), run.out());
        }
    }
}
