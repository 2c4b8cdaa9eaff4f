package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.layerbench.train.RunSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEpochTableAndRunJsonWithProvenance() throws IOException {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", "--samples", "400", "--epochs", "2", "--hidden", "4", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> csv = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals(3, csv.size(), "header and two epochs");
        for (String column : List.of("epoch", "train_loss", "train_accuracy", "test_accuracy", "balanced_accuracy",
                "majority_baseline")) {
            assertTrue(List.of(csv.get(0).split(",")).contains(column), column + " in " + csv.get(0));
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("CPU", json.at("/environment/nd4jBackend").asText());
        assertEquals("xavier", json.at("/network/weightInit").asText());
        assertEquals("float32", json.at("/network/dtype").asText());
        assertEquals(400, json.at("/data/synthetic/samples").asInt());
        assertEquals("standard", json.at("/data/scale").asText(), "synthetic data's default scale");
        assertEquals(2, json.get("epochs").size());
        JsonNode best = json.get("epochs").get(json.get("bestEpoch").asInt() - 1);
        assertEquals(best.get("testAccuracy").asDouble(), json.get("bestTestAccuracy").asDouble());
        for (JsonNode epoch : json.get("epochs")) {
            assertTrue(epoch.get("testAccuracy").asDouble() <= best.get("testAccuracy").asDouble(), epoch.toString());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count(), "only the two result files, no temporary leftovers");
        }
    }

    static Stream<List<String>> badFlags() {
        return Stream.of(
                List.of("--dtype", "float16"),
                List.of("--activation", "swish"),
                List.of("--init", "constant"),
                List.of("--init", "normal:-1"),
                List.of("--bias-init", "xavier"),
                List.of("--optimizer", "rmsprop"),
                List.of("--average", "sometimes"),
                List.of("--epochs", "0"),
                List.of("--epochs", "many"),
                List.of("--lr", "-0.1"),
                List.of("--label-noise", "1.5"),
                List.of("--class-weights", "0.92"),
                List.of("--class-weights", "0.5,0.6"),
                List.of("--data", "parquet:x"),
                List.of("--data", "csv:/no/such/file.csv:label"),
                List.of("--data", "idx:/no/such/dir"),
                List.of("--data", "idx:/tmp", "--label-noise", "0.2"),
                List.of("--scale", "minmax"),
                List.of("--scale", "unit"), // Gaussian features are no 8-bit pixels
                List.of("--loss", "sigmoid-bce", "--classes", "3"),
                List.of("--no-such-flag"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void badInputIsOneLineAndExitTwo(List<String> flags) {
        CliRun run = CliRun.of(Stream.concat(Stream.of("train", "--samples", "200", "--epochs", "1"),
                flags.stream()).toArray(String[]::new));

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("layerbench: "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), "no exception names: " + run.err());
    }

    @Test
    void badOutDirectoryFailsBeforeTrainingAndWritesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun run = CliRun.of("train", "--out", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals("layerbench: --out " + file + " is a file, not a directory", run.err().strip());
        assertEquals("", run.out());
    }

    /** Issue 14: the default --seed 42 was shown only as the data seed it expands into, -4767286540954276203. */
    @Test
    void printsTheSeedTheUserGaveBeforeTheSeedsItExpandsInto() {
        CliRun run = CliRun.of("train", "--samples", "200", "--epochs", "1");

        assertEquals(0, run.exitCode(), run.err());
        String first = run.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches(
                "seed {5}42 \\(expanded into data seed -?\\d+, init seed -?\\d+, shuffle seed -?\\d+\\)"), first);
        assertTrue(first.contains("data seed " + RunSeeds.from(42).data()), first);
    }

    /** Issue 15: the last and the best epoch's test accuracy, and the scale in force, are printed. */
    @Test
    void printsTheScaleAndTheLastAndBestEpoch() {
        CliRun run = CliRun.of("train", "--samples", "200", "--epochs", "3", "--scale", "none");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nscale    none\n"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches(
                "test accuracy: last epoch \\(3\\) \\d+\\.\\d\\d%, best epoch [123] \\d+\\.\\d\\d%")), run.out());
    }

    @Test
    void raggedCsvNamesFileAndLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,x\n3,y\n");
        CliRun run = CliRun.of("train", "--data", "csv:" + csv + ":label", "--out", dir.resolve("o").toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(csv.toString()), run.err());
        assertFalse(Files.exists(dir.resolve("o")), "no output for a failed run");
    }
}
