package dev.layerbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvReaderTest {
    @TempDir
    Path dir;

    @Test
    void stringClassesAreOrderedAlphabeticallyAndTheTargetMayBeAnyColumn() {
        Path file = Fixtures.csv(dir.resolve("pets.csv"),
                "weight, kind ,height",
                "4.5,cat,30",
                " 30 ,dog,60",
                "0.01,ant,-0.5e-1");
        Dataset data = CsvReader.read(file, "kind");
        assertEquals(List.of("ant", "cat", "dog"), data.classNames());
        assertArrayEquals(new int[] {1, 2, 0}, data.labels());
        assertEquals(List.of("weight", "height"), data.featureNames());
        assertArrayEquals(new float[] {4.5f, 30, 30, 60, 0.01f, -0.05f}, data.features());
        assertEquals("csv:" + file + ":kind", data.source());
    }

    @Test
    void numericClassesAreOrderedByValue() {
        Path file = Fixtures.csv(dir.resolve("n.csv"), "x,y", "1,10", "2,2", "3,1", "4,2");
        Dataset data = CsvReader.read(file, "y");
        assertEquals(List.of("1", "2", "10"), data.classNames());
        assertArrayEquals(new int[] {2, 1, 0, 1}, data.labels());
    }

    @Test
    void byteOrderMarkAndBlankLinesAreIgnored() {
        Path file = Fixtures.bytes(dir.resolve("bom.csv"),
                "\uFEFFx,y\n1,a\n\n2,b\n".getBytes(StandardCharsets.UTF_8));
        Dataset data = CsvReader.read(file, "y");
        assertEquals(List.of("x"), data.featureNames());
        assertEquals(2, data.rows());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("none.csv");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "does not exist");
    }

    @Test
    void emptyFile() {
        Path file = Fixtures.bytes(dir.resolve("empty.csv"), new byte[0]);
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "is empty", "header");
    }

    @Test
    void headerOnly() {
        Path file = Fixtures.csv(dir.resolve("h.csv"), "x,y");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "has a header but no data rows");
    }

    @Test
    void missingTargetColumnListsTheColumns() {
        Path file = Fixtures.csv(dir.resolve("t.csv"), "a,b,c", "1,2,3");
        assertBadInput(() -> CsvReader.read(file, "label"), file.toString(), "no column 'label'",
                "its columns are a, b, c");
    }

    @Test
    void duplicateColumnNames() {
        Path file = Fixtures.csv(dir.resolve("d.csv"), "a,b,a", "1,2,3");
        assertBadInput(() -> CsvReader.read(file, "b"), file.toString(), "'a' twice", "columns 1 and 3");
    }

    @Test
    void unnamedColumn() {
        Path file = Fixtures.csv(dir.resolve("u.csv"), "a,,b", "1,2,3");
        assertBadInput(() -> CsvReader.read(file, "b"), file.toString(), "no name for column 2");
    }

    @Test
    void targetWithoutFeatures() {
        Path file = Fixtures.csv(dir.resolve("o.csv"), "y", "a", "b");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "no feature columns");
    }

    @Test
    void raggedRowNamesItsLineCountingBlankLines() {
        Path file = Fixtures.csv(dir.resolve("r.csv"), "a,b,y", "1,2,p", "", "3,q");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "line 4 has 2 fields",
                "header has 3");
    }

    @Test
    void nonNumericFeatureNamesLineColumnAndValue() {
        Path file = Fixtures.csv(dir.resolve("n.csv"), "a,b,y", "1,2,p", "3,four,q");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "line 3, column 'b'",
                "value 'four' is not a number");
    }

    @Test
    void emptyFeatureValue() {
        Path file = Fixtures.csv(dir.resolve("e.csv"), "a,b,y", "1,,p");
        assertBadInput(() -> CsvReader.read(file, "y"), "line 2, column 'b'", "value '' is not a number");
    }

    @Test
    void nanInfinityAndOutOfFloatRangeAreRefused() {
        for (String value : List.of("NaN", "Infinity", "-Infinity", "1e40")) {
            Path file = Fixtures.csv(dir.resolve("f.csv"), "a,y", "1,p", value + ",q");
            assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "line 3, column 'a'",
                    "'" + value + "' is not a finite number");
        }
    }

    @Test
    void emptyTargetValue() {
        Path file = Fixtures.csv(dir.resolve("t.csv"), "a,y", "1,p", "2,  ");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "line 3",
                "empty value in target column 'y'");
    }

    @Test
    void singleClassIsNothingToClassify() {
        Path file = Fixtures.csv(dir.resolve("s.csv"), "a,y", "1,cat", "2,cat");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "only one class 'cat'",
                "nothing to classify");
    }

    @Test
    void malformedQuotingIsBadInput() {
        Path file = Fixtures.csv(dir.resolve("q.csv"), "a,y", "1,\"cat\"x");
        assertBadInput(() -> CsvReader.read(file, "y"), file.toString(), "is malformed");
    }
}
