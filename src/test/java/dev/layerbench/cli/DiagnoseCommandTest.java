package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnoseCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsMarkdownAndWritesBothFiles() throws IOException {
        Path out = dir.resolve("diag");
        CliRun run = CliRun.of("diagnose", "--samples", "600", "--leak", "0.01", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("# layerbench diagnose"), run.out());
        assertTrue(run.out().contains("## Verdict"), run.out());
        assertTrue(run.out().contains("Feature 'leak' alone scores ROC-AUC"), run.out());
        assertEquals(Files.readString(out.resolve("diagnosis.md")),
                run.out().substring(0, run.out().indexOf("\nwrote ")));
        JsonNode json = new ObjectMapper().readTree(out.resolve("diagnosis.json").toFile());
        assertEquals(2, json.get("schemaVersion").asInt());
        assertEquals("diagnose", json.get("kind").asText());
        assertEquals("synthetic", json.at("/data/spec").asText());
        assertEquals("standard", json.at("/data/scale").asText());
        assertEquals(600, json.at("/data/synthetic/samples").asInt());
        assertEquals("leak", json.at("/leakage/suspects/0/feature").asText());
        assertEquals(4, json.at("/labelNoise/points").size());
        JsonNode clean = json.at("/labelNoise/points/0/testAccuracy");
        assertEquals(3, clean.get("seeds").asInt(), "issue 15: every point over at least 3 seeds");
        assertTrue(clean.get("low").asDouble() <= clean.get("mean").asDouble()
                && clean.get("mean").asDouble() <= clean.get("high").asDouble(), clean.toString());
        assertTrue(run.out().contains("repeat every point with 3 seeds (--seed 42 to 44"), run.out());
        assertEquals(4, json.at("/learningCurve/points").size());
        assertTrue(json.at("/zeroInit/hiddenLayer/verdict").isTextual());
        assertTrue(json.get("verdict").size() > 0);
    }

    @Test
    void theCurvesAreDrawnWithABandOverSeeds() throws IOException {
        Path out = dir.resolve("diag");
        assertEquals(0, CliRun.of("diagnose", "--samples", "300", "--out", out.toString()).exitCode());
        for (String file : new String[]{"label-noise.svg", "learning-curve.svg"}) {
            String svg = Files.readString(out.resolve(file));
            assertTrue(svg.startsWith("<svg") && svg.contains("seeds)"), file + ": " + svg.substring(0, 200));
            // the band: a filled, translucent shape under the mean line
            assertTrue(svg.contains("fill-opacity:0.18"), file + " has no band");
        }
    }

    @Test
    void aTestSetThatSharesRowsWithTrainingIsQuotedWithItsShare() throws IOException {
        StringBuilder train = new StringBuilder("a,b,label\n");
        StringBuilder test = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 100; i++) {
            String row = String.format(java.util.Locale.US, "%d,%d,%s%n", i, (i * 7) % 13, i % 2 == 0 ? "x" : "y");
            train.append(row);
            if (i % 10 == 0) {
                test.append(row);
            }
        }
        for (int i = 0; i < 30; i++) {
            test.append(String.format(java.util.Locale.US, "%d.5,%d,%s%n", i, i % 5, i % 2 == 0 ? "x" : "y"));
        }
        Path trainFile = Files.writeString(dir.resolve("train.csv"), train);
        Path testFile = Files.writeString(dir.resolve("test.csv"), test);
        CliRun run = CliRun.of("diagnose", "--data", "csv:" + trainFile + ":label", "--test",
                "csv:" + testFile + ":label");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Your --test set shares 10 of its 40 rows (25.0%) with the training set"),
                run.out());
    }

    @Test
    void missingCsvIsBadInput() {
        CliRun run = CliRun.of("diagnose", "--data", "csv:" + dir.resolve("absent.csv") + ":label");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("absent.csv"), run.err());
    }

    @Test
    void syntheticFlagWithRealDataIsBadInput() {
        CliRun run = CliRun.of("diagnose", "--data", "csv:" + dir.resolve("absent.csv") + ":label", "--leak", "0.1");

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--leak"), run.err());
    }

    @Test
    void outThatIsAFileIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun run = CliRun.of("diagnose", "--out", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }
}
