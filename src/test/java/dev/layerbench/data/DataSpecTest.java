package dev.layerbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataSpecTest {
    @TempDir
    Path dir;

    @Test
    void parsesEveryForm() {
        assertEquals(new DataSpec.Synthetic(), DataSpec.parse("synthetic"));
        assertInstanceOf(DataSpec.FashionMnist.class, DataSpec.parse("fashion-mnist"));
        assertEquals(new DataSpec.Idx(Path.of("/data/mnist")), DataSpec.parse("idx:/data/mnist"));
        assertEquals(new DataSpec.Csv(Path.of("iris.csv"), "species"), DataSpec.parse("csv:iris.csv:species"));
    }

    @Test
    void csvTargetIsAfterTheLastColon() {
        DataSpec spec = DataSpec.parse("csv:C:/runs/a:b.csv:label");
        assertEquals(new DataSpec.Csv(Path.of("C:/runs/a:b.csv"), "label"), spec);
        assertEquals("csv:C:/runs/a:b.csv:label", spec.describe());
    }

    @Test
    void fashionMnistDirectoryDefaultsToTheDebianPackage() {
        DataSpec.FashionMnist spec = (DataSpec.FashionMnist) DataSpec.parse("fashion-mnist");
        String override = System.getenv(DataSpec.FASHION_MNIST_DIR_ENV);
        Path expected = override == null || override.isBlank() ? DataSpec.FASHION_MNIST_DIR : Path.of(override);
        assertEquals(expected, spec.dir());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mnist", "Synthetic", "idx:", "idx", "csv:", "csv:data.csv", "csv::y", "csv:data.csv:"})
    void malformedFormsAreRefusedWithTheAllowedOnes(String text) {
        assertBadInput(() -> DataSpec.parse(text),
                "--data must be synthetic, fashion-mnist, idx:DIR or csv:FILE:TARGET, got '" + text + "'.");
    }

    @Test
    void syntheticIsSplitStratifiedAndStandardised() {
        DatasetSplit split = DataSpec.parse("synthetic").load(SyntheticSpec.defaults(), 0.25, 3L);
        assertArrayEquals(new int[] {750, 750}, split.train().classCounts());
        assertArrayEquals(new int[] {250, 250}, split.test().classCounts());
        for (double mean : Standardizer.fit(split.train()).means()) {
            assertEquals(0, mean, 1e-5);
        }
    }

    @Test
    void csvIsSplitStratifiedAndStandardised() {
        String[] lines = new String[11];
        lines[0] = "size,label";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = i + "," + (i % 2 == 0 ? "even" : "odd");
        }
        Path file = Fixtures.csv(dir.resolve("t.csv"), lines);
        DatasetSplit split = DataSpec.parse("csv:" + file + ":label").load(SyntheticSpec.defaults(), 0.2, 1L);
        assertArrayEquals(new int[] {4, 4}, split.train().classCounts());
        assertArrayEquals(new int[] {1, 1}, split.test().classCounts());
        assertEquals(List.of("even", "odd"), split.test().classNames());
        assertEquals(0, Standardizer.fit(split.train()).means()[0], 1e-6);
    }

    @Test
    void idxDirectoryKeepsItsOwnSplitAndIsDividedBy255ByDefault() {
        Fixtures.idxDirectory(dir, true);
        DataSpec spec = DataSpec.parse("idx:" + dir);
        DatasetSplit raw = spec.loadRaw(null, 0.5, 1L);
        assertArrayEquals(new float[] {7, 8, 9, 10}, raw.test().features());
        assertArrayEquals(new float[] {7 / 255f, 8 / 255f, 9 / 255f, 10 / 255f},
                spec.load(null, 0.5, 1L).test().features());
        // Train pixels 1,3,5 / 2,4,6: means 3 and 4, std sqrt(8/3); the test rows are scaled with those.
        DatasetSplit standardised = spec.load(null, 0.5, 1L, Scale.STANDARD);
        float std = (float) Math.sqrt(8.0 / 3);
        assertArrayEquals(new float[] {4 / std, 4 / std, 6 / std, 6 / std}, standardised.test().features(), 1e-6f);
    }

    @Test
    void missingFashionMnistSaysHowToGetIt() {
        DataSpec spec = new DataSpec.FashionMnist(dir);
        assertBadInput(() -> spec.load(null, 0.2, 1L), "Fashion-MNIST not found in " + dir
                + ": install the Debian package dataset-fashion-mnist, or pass --data idx:DIR.");
    }

    @Test
    void realFashionMnistWhenInstalled() {
        assumeTrue(Files.isDirectory(DataSpec.FASHION_MNIST_DIR), "Fashion-MNIST is not installed");
        DatasetSplit split = new DataSpec.FashionMnist(DataSpec.FASHION_MNIST_DIR).loadRaw(null, 0.2, 1L);
        assertEquals(60000, split.train().rows());
        assertEquals(10000, split.test().rows());
        assertEquals(784, split.train().columns());
        int[] perClass = new int[10];
        Arrays.fill(perClass, 6000);
        assertArrayEquals(perClass, split.train().classCounts());
        Arrays.fill(perClass, 1000);
        assertArrayEquals(perClass, split.test().classCounts());
        assertEquals(DataSpec.FASHION_MNIST_CLASSES, split.train().classNames());
    }
}
