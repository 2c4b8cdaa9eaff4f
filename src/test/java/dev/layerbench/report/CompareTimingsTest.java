package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.report.TimingComparison.Cell;
import dev.layerbench.report.TimingComparison.EnvironmentDifference;
import dev.layerbench.report.TimingComparison.Row;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.Json;
import dev.layerbench.results.SpeedComparison;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.layerbench.report.TimingFixtures.environment;
import static dev.layerbench.report.TimingFixtures.evenSamples;
import static dev.layerbench.report.TimingFixtures.folder;
import static dev.layerbench.report.TimingFixtures.folderWithText;
import static dev.layerbench.report.TimingFixtures.normalSamples;
import static dev.layerbench.report.TimingFixtures.row;
import static dev.layerbench.report.TimingFixtures.validJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTimingsTest {
    @TempDir
    Path tmp;

    private Row rowOf(TimingComparison c, String impl, String op) {
        return c.rows().stream().filter(r -> r.key().impl().equals(impl) && r.key().op().equals(op))
                .findFirst().orElseThrow();
    }

    private Cell cellOf(TimingComparison c, String impl, String column) {
        return rowOf(c, impl, "forward").cell(column).orElseThrow();
    }

    @Test
    void twoFoldersJoinOnTheKeyWithRatiosOfMediansAndVerdicts() throws Exception {
        Path a = folder(tmp, "laptop", row("cpu", "own", "forward", 100), row("cpu", "dl4j", "forward", 200));
        Path b = folder(tmp, "server", row("cpu", "dl4j", "forward", 250), row("cpu", "own", "forward", 50));

        TimingComparison c = TimingComparison.read(List.of(a, b), null, null);

        assertEquals(List.of("laptop:cpu", "server:cpu"), c.columns().stream().map(TimingComparison.Column::label)
                .toList());
        assertEquals(2, c.rows().size());
        Cell own = cellOf(c, "own", "server:cpu");
        assertEquals("laptop:cpu", own.reference());
        assertEquals(0.5, own.ratio(), 0.0);
        assertEquals(-50.0, own.pctAboveReference(), 0.0);
        assertEquals("faster", own.verdict());
        assertTrue(own.ratioLow() <= 0.5 && 0.5 <= own.ratioHigh() && own.ratioHigh() < 1, own.toString());
        Cell dl4j = cellOf(c, "dl4j", "server:cpu");
        assertEquals(1.25, dl4j.ratio(), 0.0);
        assertEquals("slower", dl4j.verdict());
        Cell baseline = cellOf(c, "own", "laptop:cpu");
        assertEquals(100.0, baseline.usPerOp(), 0.0);
        assertTrue(baseline.ciLowUs() < 100 && baseline.ciHighUs() > 100, baseline.toString());
        assertTrue(Double.isNaN(baseline.ratio()) && baseline.verdict().isEmpty() && baseline.reference() == null,
                "the baseline is not compared with itself: " + baseline);
        assertTrue(c.regressions().isEmpty(), "no gate was asked for");
    }

    @Test
    void eachCellGetsTheTestTheBenchVerdictsUse() throws Exception {
        TimingRow base = row("cpu", "own", "forward", normalSamples(100, 0.03, 11));
        TimingRow next = row("cpu", "own", "forward", normalSamples(104, 0.03, 12));

        Cell cell = cellOf(TimingComparison.read(List.of(folder(tmp, "a", base), folder(tmp, "b", next)), null,
                null), "own", "b:cpu");

        SpeedComparison expected = SpeedComparison.of(next.samplesUs(), base.samplesUs());
        assertEquals(expected.ratio(), cell.ratio(), 0.0);
        assertEquals(expected.ratioLow(), cell.ratioLow(), 0.0);
        assertEquals(expected.ratioHigh(), cell.ratioHigh(), 0.0);
        assertEquals(expected.pValue(), cell.pValue(), 0.0);
        assertEquals(expected.verdict().label(), cell.verdict());
    }

    @Test
    void oneFolderWithTwoBackendsGivesTwoColumnsAndImplStaysInTheKey() throws Exception {
        Path a = folder(tmp, "amd-epyc-2core-avx512", row("cpu", "own", "forward", 100),
                row("cpu", "gemm", "gemm:l1.xw", 40), row("pytorch-cpu", "pytorch", "forward", 20),
                row("pytorch-cpu", "gemm", "gemm:l1.xw", 30));

        TimingComparison c = TimingComparison.read(List.of(a), null, null);

        assertEquals(List.of("amd-epyc-2core-avx512:cpu", "amd-epyc-2core-avx512:pytorch-cpu"),
                c.columns().stream().map(TimingComparison.Column::label).toList());
        assertEquals(3, c.rows().size(), "own forward, gemm gemm:l1.xw and pytorch forward are three keys");
        assertEquals(2, rowOf(c, "gemm", "gemm:l1.xw").cells().size());
        assertTrue(rowOf(c, "pytorch", "forward").cell("amd-epyc-2core-avx512:cpu").isEmpty());
    }

    @Test
    void aKeyOnlyOneFolderMeasuredLeavesEmptyCells() throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", 100));
        Path b = folder(tmp, "b", row("cpu", "own", "forward", 100), row("cpu", "own", "backward", 300));

        TimingComparison c = TimingComparison.read(List.of(a, b), null, 10.0);

        Row backward = rowOf(c, "own", "backward");
        assertTrue(backward.cell("a:cpu").isEmpty());
        Cell only = backward.cell("b:cpu").orElseThrow();
        assertTrue(Double.isNaN(only.ratio()), "no baseline measurement: no ratio, never a guess");
        assertEquals("", only.verdict());
        assertFalse(only.regressed());

        String csv = CompareTables.csv(c);
        assertTrue(csv.contains("own,backward,32,784,10,0,float32,2,a:cpu,,,,,,,,,\n"), csv);
        assertTrue(csv.contains(String.format(java.util.Locale.US, "own,backward,32,784,10,0,float32,2,b:cpu,300.0,"
                + "%s,%s,,,,,,false\n", only.ciLowUs(), only.ciHighUs())), csv);
    }

    /**
     * The gate: slower by the test against the same backend, and by more than the threshold at the fast end of the
     * ratio's interval — a 12% slower median whose interval reaches back to 5% is not "significantly slower by more
     * than 10%".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "same distribution,            100, 0.02, same,   false",
            "30% slower tight,             130, 0.01, slower, true",
            "30% slower wildly noisy,      130, 0.80, same,   false",
            "5% slower tight: under 10%,   105, 0.01, slower, false",
            "12% slower but interval to 5%, 112, 0.10, slower, false"})
    void theGateNeedsTheTestAndTheThreshold(String what, double us, double spread, String verdict,
                                            boolean regressed) throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", evenSamples(100, spread)));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", evenSamples(us, spread)));

        TimingComparison c = TimingComparison.read(List.of(next), base, 10.0);

        Cell cell = cellOf(c, "own", "next:cpu");
        assertEquals(verdict, cell.verdict(), cell.toString());
        assertEquals(regressed, cell.regressed(), cell.toString());
        assertEquals(regressed ? 1 : 0, c.regressions().size());
        assertTrue(c.unjudged().isEmpty());
    }

    @Test
    void aTightThirtyPercentSlowdownIsSlowerWithATinyPAndRegressed() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", 100), row("cpu", "dl4j", "forward", 100));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", 130),
                row("cpu", "dl4j", "forward", evenSamples(130, 0.8)), row("cpu-avx2", "own", "forward", 500));

        TimingComparison c = TimingComparison.read(List.of(next), base, 10.0);

        assertEquals("base", c.baseline().name());
        List<TimingComparison.Regression> regressions = c.regressions();
        assertEquals(1, regressions.size(), "dl4j is too noisy to tell; cpu-avx2 has no cpu-avx2 baseline");
        Cell own = regressions.get(0).cell();
        assertEquals("own", regressions.get(0).key().impl());
        assertEquals("next:cpu", own.column());
        assertEquals("slower", own.verdict());
        assertTrue(own.pValue() < 0.01, "p = " + own.pValue());
        assertTrue(own.ratioLow() > 1.25 && own.ratioHigh() < 1.35, own.toString());
        assertTrue(regressions.get(0).describe().contains("(+30.0%), ratio 1.30"), regressions.get(0).describe());
        Cell avx2 = cellOf(c, "own", "next:cpu-avx2");
        assertEquals("base:cpu", avx2.reference(), "no cpu-avx2 in the baseline: compared with its first column");
        assertEquals(5.0, avx2.ratio(), 0.0);
        assertEquals("slower", avx2.verdict());
        assertFalse(avx2.regressed(), "another backend is not a regression");

        assertTrue(TimingComparison.read(List.of(next), base, 30.0).regressions().isEmpty(), "30% is not above 30%");
    }

    @Test
    void cellsTooThinToTestAreUnjudgedNotRegressed() throws Exception {
        Path base = folder(tmp, "base", row("cpu", "own", "forward", List.of(List.of(100.0))));
        Path next = folder(tmp, "next", row("cpu", "own", "forward", List.of(List.of(130.0))));

        TimingComparison c = TimingComparison.read(List.of(base, next), null, 10.0);

        Cell cell = cellOf(c, "own", "next:cpu");
        assertEquals(TimingComparison.UNJUDGED, cell.verdict());
        assertEquals(1.3, cell.ratio(), 0.0);
        assertFalse(cell.regressed());
        assertTrue(c.regressions().isEmpty());
        assertEquals(1, c.unjudged().size());
        assertTrue(TimingComparison.read(List.of(base, next), null, 50.0).unjudged().isEmpty(),
                "under the threshold by its medians: nothing for the gate to judge");
    }

    @Test
    void theEnvironmentFieldsThatDifferAreListedWithTheirColumns() throws Exception {
        Path a = folder(tmp, "a", environment("AMD EPYC", List.of(), "abc"), row("cpu", "own", "forward", 100),
                row("pytorch-cpu", "pytorch", "forward", 90));
        Path b = folder(tmp, "b", environment("Intel Xeon", List.of(), "def"), row("cpu", "own", "forward", 100));

        List<EnvironmentDifference> differences = TimingComparison.read(List.of(a, b), null, null)
                .environmentDifferences();

        assertEquals(List.of("CPU model", "layerbench commit"), differences.stream()
                .map(EnvironmentDifference::field).toList());
        assertEquals(List.of(new EnvironmentDifference.Value("AMD EPYC", List.of("a:cpu", "a:pytorch-cpu")),
                new EnvironmentDifference.Value("Intel Xeon", List.of("b:cpu"))), differences.get(0).values());
        String md = CompareTables.markdown(TimingComparison.read(List.of(a, b), null, null));
        assertTrue(md.contains("- CPU model: AMD EPYC (a:cpu, a:pytorch-cpu); Intel Xeon (b:cpu)\n"), md);
        assertTrue(md.contains("- layerbench commit: abc (a:cpu, a:pytorch-cpu); def (b:cpu)\n"), md);
        String json = CompareTables.json(TimingComparison.read(List.of(a, b), null, null));
        assertTrue(json.contains("\"field\" : \"CPU model\"") && json.contains("\"value\" : \"Intel Xeon\""), json);
    }

    @Test
    void identicalMachinesSayIdenticalAndThreadsAreCompared() throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", 100));
        Path b = folder(tmp, "b", row("cpu", "own", "forward", 101));

        TimingComparison same = TimingComparison.read(List.of(a, b), null, null);
        assertEquals(List.of(), same.environmentDifferences());
        assertTrue(CompareTables.markdown(same).contains("**Environment:** identical in every column (CPU model, "),
                CompareTables.markdown(same));

        Path c = folder(tmp, "c", TimingRow.of(List.of(new ForkSample("cpu", "own", "forward", 32, 784, 10, 0,
                "float32", 1, 1, 1, List.of(99.0, 100.0, 101.0), Double.NaN)), TimingFixtures.FLOPS, 0.05));
        List<EnvironmentDifference> threads = TimingComparison.read(List.of(a, c), null, null)
                .environmentDifferences();
        assertEquals(List.of(new EnvironmentDifference("threads", List.of(
                new EnvironmentDifference.Value("2", List.of("a:cpu")),
                new EnvironmentDifference.Value("1", List.of("c:cpu"))))), threads);
    }

    @Test
    void aResultWithoutEnvironmentIsNotCalledIdentical() throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", 100));
        Path b = folderWithText(tmp, "b", Json.write(new TimingResult(TimingResult.SCHEMA_VERSION, "bench",
                "2026-01-01T00:00:00Z", null, List.of(), List.of(), List.of(row("cpu", "own", "forward", 100)), false,
                List.of(), List.of(), List.of())));

        List<EnvironmentDifference> differences = TimingComparison.read(List.of(a, b), null, null)
                .environmentDifferences();

        EnvironmentDifference cpu = differences.get(0);
        assertEquals("CPU model", cpu.field());
        assertEquals(List.of(new EnvironmentDifference.Value("EPYC", List.of("a:cpu")),
                new EnvironmentDifference.Value(TimingComparison.NOT_RECORDED, List.of("b:cpu"))), cpu.values());
    }

    @Test
    void aSchemaOneResultIsRefusedAsMadeByAnOlderLayerbench() {
        Path file = TimingFixtures.SCHEMA_ONE_RESULT.resolve("timing.json");

        BadInputException e = assertThrows(BadInputException.class,
                () -> TimingResults.read(TimingFixtures.SCHEMA_ONE_RESULT));

        assertEquals(file + " was made by an older layerbench (schema 1; this one reads 2) and must be re-measured "
                + "with 'layerbench bench --out'", e.getMessage());
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
    void aFolderComparedWithItselfIsTheSameEverywhere() throws Exception {
        Path a = folder(tmp, "a", row("cpu", "own", "forward", normalSamples(100, 0.05, 1)),
                row("cpu", "dl4j", "forward", normalSamples(300, 0.05, 2)),
                row("pytorch-cpu", "pytorch", "forward", normalSamples(90, 0.05, 3)));

        TimingComparison c = TimingComparison.read(List.of(a, a), null, 0.0);

        int compared = 0;
        for (Row row : c.rows()) {
            for (Cell cell : row.cells()) {
                if (cell.column().startsWith("a#2:")) {
                    assertEquals(1.0, cell.ratio(), 0.0, row.key() + " " + cell.column());
                    assertEquals("same", cell.verdict());
                    compared++;
                }
            }
        }
        assertEquals(3, compared);
        assertTrue(c.regressions().isEmpty() && c.unjudged().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated           | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [ {' | not valid JSON",
            "empty               | ''                                                           | not a JSON object",
            "schemaVersion 7     | '{\"schemaVersion\" : 7, \"kind\" : \"bench\", \"rows\" : []}' | has schemaVersion 7; this layerbench reads 2",
            "schemaVersion 1     | '{\"schemaVersion\" : 1, \"kind\" : \"bench\", \"rows\" : []}' | was made by an older layerbench (schema 1; this one reads 2) and must be re-measured",
            "no schemaVersion    | '{\"kind\" : \"bench\", \"rows\" : []}'                       | has no schemaVersion",
            "another kind        | '{\"schemaVersion\" : 2, \"kind\" : \"train\", \"rows\" : []}' | not \"bench\"",
            "no rows             | '{\"schemaVersion\" : 2, \"kind\" : \"bench\"}'              | has no rows",
            "row without usPerOp | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"samplesUs\":[[1.0]]}]}' | rows[0] has no usPerOp",
            "row without batch   | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[[1.0]]}]}' | rows[0] has no batch",
            "row without threads | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"usPerOp\":1.0,\"samplesUs\":[[1.0]]}]}' | rows[0] has no threads",
            "row without samples | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0}]}' | rows[0] has no samplesUs",
            "flat samples        | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[1.0, 2.0]}]}' | rows[0] has samplesUs [1.0,2.0], which is not a list of forks, each a list of positive numbers",
            "a negative sample   | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[[1.0],[-2.0]]}]}' | rows[0] has samplesUs [[1.0],[-2.0]]",
            "an empty fork       | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"own\",\"op\":\"forward\",\"batch\":1,\"in\":2,\"out\":3,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[[1.0],[]]}]}' | rows[0] has samplesUs [[1.0],[]]",
            // found by the journal fuzz target: the report would have thrown at it
            "no such product     | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"gemm\",\"op\":\"gemm:rd\",\"batch\":32,\"in\":784,\"out\":10,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[[1.0]]}]}' | rows[0] has op gemm:rd, which names no product at 32×784→10",
            "l2 without hidden   | '{\"schemaVersion\" : 2, \"kind\" : \"bench\", \"rows\" : [{\"backend\":\"cpu\",\"impl\":\"gemm\",\"op\":\"gemm:l2.xw\",\"batch\":32,\"in\":784,\"out\":10,\"hidden\":0,\"dtype\":\"float32\",\"threads\":1,\"usPerOp\":1.0,\"samplesUs\":[[1.0]]}]}' | rows[0] has op gemm:l2.xw, which names no product at 32×784→10"})
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
    void aValidFixtureReadsBackAsTheResultItWasWrittenFrom() throws Exception {
        Path dir = folderWithText(tmp, "ok", validJson());
        TimingRow row = TimingResults.read(dir).rows().get(0);
        assertEquals(100.0, row.usPerOp(), 0.0);
        assertEquals(row("cpu", "own", "forward", 100), row);
    }

    @Test
    void twoRowsForOneKeyAndBackendAreRefused() throws Exception {
        Path a = folder(tmp, "dup", row("cpu", "own", "forward", 100), row("cpu", "own", "forward", 90));
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
