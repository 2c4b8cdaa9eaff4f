package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.report.TimingComparison.Cell;
import dev.layerbench.report.TimingComparison.Row;
import dev.layerbench.results.TimingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.layerbench.report.TimingFixtures.folder;
import static dev.layerbench.report.TimingFixtures.folderWithText;
import static dev.layerbench.report.TimingFixtures.row;
import static dev.layerbench.report.TimingFixtures.validJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTimingsTest {
    @TempDir
    Path tmp;

    private Row rowOf(TimingComparison c, String impl, String op) {
        return c.rows().stream().filter(r -> r.key().impl().equals(impl) && r.key().op().equals(op))
                .findFirst().orElseThrow();
    }

    @Test
    void twoFoldersJoinOnTheKeyWithExactSpeedups() throws Exception {
        Path a = folder(tmp, "laptop", row("cpu", "own", "forward", 100, 5), row("cpu", "dl4j", "forward", 200, 10));
        Path b = folder(tmp, "server", row("cpu", "dl4j", "forward", 250, 10), row("cpu", "own", "forward", 50, 5));

        TimingComparison c = TimingComparison.read(List.of(a, b), null, null);

        assertEquals(List.of("laptop:cpu", "server:cpu"), c.columns().stream().map(TimingComparison.Column::label)
                .toList());
        assertEquals(2, c.rows().size());
        Cell own = rowOf(c, "own", "forward").cell("server:cpu").orElseThrow();
        assertEquals("laptop:cpu", own.reference());
        assertEquals(2.0, own.speedupVsBaseline(), 0.0);
        assertEquals(-50.0, own.pctAboveReference(), 0.0);
        assertEquals(0.8, rowOf(c, "dl4j", "forward").cell("server:cpu").orElseThrow().speedupVsBaseline(), 0.0);
        assertEquals(1.0, rowOf(c, "own", "forward").cell("laptop:cpu").orElseThrow().speedupVsBaseline(), 0.0);
        assertTrue(c.regressions().isEmpty());
    }

    @Test
    void oneFolderWithTwoBackendsGivesTwoColumnsAndImplStaysInTheKey() throws Exception {
        Path a = folder(tmp, "amd-epyc-2core-avx512", row("cpu", "own", "forward", 100, 5),
                row("cpu", "gemm", "gemm", 40, 1), row("pytorch-cpu", "pytorch", "forward", 20, 1),
                row("pytorch-cpu", "gemm", "gemm", 30, 1));

        TimingComparison c = TimingComparison.read(List.of(a), null, null);

        assertEquals(List.of("amd-epyc-2core-avx512:cpu", "amd-epyc-2core-avx512:pytorch-cpu"),
                c.columns().stream().map(TimingComparison.Column::label).toList());
        assertEquals(3, c.rows().size(), "own forward, gemm gemm and pytorch forward are three keys");
        Row gemm = rowOf(c, "gemm", "gemm");
        assertEquals(2, gemm.cells().size());
        Row pytorch = rowOf(c, "pytorch", "forward");
        assertTrue(pytorch.cell("amd-epyc-2core-avx512:cpu").isEmpty());
    }

    @Test
    void aKeyOnlyOneFolderMeasuredLeavesEmptyCells() throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", 100, 5));
        Path b = folder(tmp, "b", row("cpu", "own", "forward", 100, 5), row("cpu", "own", "backward", 300, 5));

        TimingComparison c = TimingComparison.read(List.of(a, b), null, 10.0);

        Row backward = rowOf(c, "own", "backward");
        assertTrue(backward.cell("a:cpu").isEmpty());
        Cell only = backward.cell("b:cpu").orElseThrow();
        assertTrue(Double.isNaN(only.speedupVsBaseline()), "no baseline measurement: no speedup, never a guess");
        assertNull(only.intervalsOverlap());
        assertFalse(only.regressed());

        String csv = CompareTables.csv(c);
        assertTrue(csv.contains("own,backward,32,784,10,0,float32,a:cpu,,,,,\n"), csv);
        assertTrue(csv.contains("own,backward,32,784,10,0,float32,b:cpu,300.0,5.0,,n/a,false\n"), csv);
    }

    @ParameterizedTest(name = "{0} ± {1} against 100 ± 5: overlap {2}")
    @CsvSource({
            "108, 4, true",    // [95, 105] and [104, 112] meet
            "109, 4, true",    // [95, 105] and [105, 113] touch at 105
            "111, 5, false",   // [95, 105] and [106, 116] are apart
            "89, 5, false",    // [84, 94] and [95, 105] are apart: faster, also beyond the noise
            "111, NaN, n/a"})  // no interval: not known
    void intervalsOverlapAsComputedByHand(double us, double err, String expected) throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", 100, 5));
        Path b = folder(tmp, "b", row("cpu", "own", "forward", us, err));

        Cell cell = TimingComparison.read(List.of(a, b), null, null).rows().get(0).cell("b:cpu").orElseThrow();

        assertEquals(expected, cell.intervalsOverlap() == null ? "n/a" : cell.intervalsOverlap().toString());
    }

    @Test
    void theGateComparesLikeBackendsBeyondThresholdAndNoise() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", 100, 5), row("cpu", "dl4j", "forward", 100, 5));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130, 5), row("cpu", "dl4j", "forward", 130, 40),
                row("cpu-avx2", "own", "forward", 500, 5));

        TimingComparison c = TimingComparison.read(List.of(next), base, 10.0);

        assertEquals("base", c.baseline().name());
        List<TimingComparison.Regression> regressions = c.regressions();
        assertEquals(1, regressions.size(), "dl4j's intervals overlap; cpu-avx2 has no cpu-avx2 baseline");
        assertEquals("own", regressions.get(0).key().impl());
        assertEquals("next:cpu", regressions.get(0).cell().column());
        assertTrue(regressions.get(0).describe().contains("+30.0%"), regressions.get(0).describe());
        Cell avx2 = rowOf(c, "own", "forward").cell("next:cpu-avx2").orElseThrow();
        assertEquals("base:cpu", avx2.reference(), "no cpu-avx2 in the baseline: speedup against its first column");
        assertEquals(0.2, avx2.speedupVsBaseline(), 0.0);
        assertFalse(avx2.regressed());

        assertTrue(TimingComparison.read(List.of(next), base, 30.0).regressions().isEmpty(), "30% is not above 30%");
    }

    @Test
    void aBaselineAlsoAmongTheFoldersIsMovedFirstNotReadTwice() {
        Path a = Path.of("x/a");
        Path b = Path.of("x/b");
        assertEquals(List.of(Path.of("x/./b"), a), TimingComparison.baselineFirst(List.of(a, b), Path.of("x/./b")));
        assertEquals(List.of(a, a), TimingComparison.baselineFirst(List.of(a, a), a));
        assertEquals(List.of(b, a), TimingComparison.baselineFirst(List.of(a), b));
    }

    @Test
    void namesAreTheFolderNamesWithParentsOnlyWhereNeeded() {
        assertEquals(List.of("amd-epyc-2core-avx512", "intel"),
                TimingComparison.names(List.of(Path.of("r/amd-epyc-2core-avx512"), Path.of("r/intel"))));
        assertEquals(List.of("amd/bench-quick", "intel/bench-quick"),
                TimingComparison.names(List.of(Path.of("r/amd/bench-quick"), Path.of("r/intel/bench-quick"))));
        assertEquals(List.of("bench-quick", "bench-quick#2"),
                TimingComparison.names(List.of(Path.of("r/bench-quick"), Path.of("r/./bench-quick"))));
        assertEquals(List.of("a/bench-quick", "b/bench-quick", "a/bench-quick#2"), TimingComparison.names(
                List.of(Path.of("a/bench-quick"), Path.of("b/bench-quick"), Path.of("a/bench-quick"))));
    }

    @Test
    void theRealResultComparedWithItselfIsSpeedupOneEverywhere() {
        Path real = TimingFixtures.REAL_RESULT;
        TimingComparison c = TimingComparison.read(List.of(real, real), null, 0.0);

        assertEquals(12, c.columns().size(), "six backends, twice");
        assertEquals("bench-quick:cpu", c.columns().get(0).label());
        assertFalse(c.rows().isEmpty());
        int cells = 0;
        for (Row row : c.rows()) {
            for (Cell cell : row.cells()) {
                assertEquals(1.0, cell.speedupVsBaseline(), 0.0, row.key() + " " + cell.column());
                assertFalse(cell.regressed());
                cells++;
            }
        }
        assertEquals(2 * 306, cells, "every row of both copies is in the comparison");
        assertTrue(c.regressions().isEmpty());
        assertTrue(c.unjudged().isEmpty());
        String json = CompareTables.json(c);
        assertTrue(json.contains("\"kind\" : \"compare\"") && json.contains("\"cpuModel\" : \"AMD EPYC\""), json);
    }

    @Test
    void aRealFileReadsBackAsTheResultItWasWrittenFrom() {
        TimingResult result = TimingResults.read(TimingFixtures.REAL_RESULT);
        assertEquals(306, result.rows().size());
        assertEquals("vm", result.backends().get(0).environment().hostName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated           | '{\"schemaVersion\" : 1, \"kind\" : \"bench\", \"rows\" : [ {' | not valid JSON",
            "empty               | ''                                                           | not a JSON object",
            "schemaVersion 7     | '{\"schemaVersion\" : 7, \"kind\" : \"bench\", \"rows\" : []}' | has schemaVersion 7; this layerbench reads 1",
            "no schemaVersion    | '{\"kind\" : \"bench\", \"rows\" : []}'                       | has no schemaVersion",
            "another kind        | '{\"schemaVersion\" : 1, \"kind\" : \"train\", \"rows\" : []}' | not \"bench\"",
            "no rows             | '{\"schemaVersion\" : 1, \"kind\" : \"bench\"}'              | has no rows",
            "row without usPerOp | '{\"schemaVersion\" : 1, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\"}]}' | rows[0] has no usPerOp",
            "row without batch   | '{\"schemaVersion\" : 1, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"usPerOp\":1.0}]}' | rows[0] has no batch"})
    void brokenFilesAreRefusedNamingTheFile(String what, String json, String problem) throws Exception {
        Path dir = folderWithText(tmp, "broken", json);
        BadInputException e = assertThrows(BadInputException.class, () -> TimingResults.read(dir));
        assertTrue(e.getMessage().contains(dir.resolve("timing.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aMissingFolderOrFileIsRefusedNamingIt() throws Exception {
        BadInputException noDir = assertThrows(BadInputException.class,
                () -> TimingResults.read(tmp.resolve("nowhere")));
        assertTrue(noDir.getMessage().contains("nowhere does not exist"), noDir.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        BadInputException noFile = assertThrows(BadInputException.class, () -> TimingResults.read(empty));
        assertTrue(noFile.getMessage().startsWith(empty.resolve("timing.json") + " does not exist"),
                noFile.getMessage());
    }

    @Test
    void aValidFixtureReadsBack() throws Exception {
        Path dir = folderWithText(tmp, "ok", validJson());
        assertEquals(100.0, TimingResults.read(dir).rows().get(0).usPerOp(), 0.0);
    }

    @Test
    void twoRowsForOneKeyAndBackendAreRefused() throws Exception {
        Path a = folder(tmp, "dup", row("cpu", "own", "forward", 100, 5), row("cpu", "own", "forward", 90, 5));
        BadInputException e = assertThrows(BadInputException.class,
                () -> TimingComparison.read(List.of(a), null, null));
        assertTrue(e.getMessage().contains("two rows for cpu own forward batch 32"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-5", "NaN", "Infinity"})
    void aThresholdOutsideZeroToInfinityIsBadInput(double pct) {
        BadInputException e = assertThrows(BadInputException.class, () -> TimingComparison.checkThreshold(pct));
        assertTrue(e.getMessage().contains("--fail-above must be a percentage of 0 or more"), e.getMessage());
    }
}
