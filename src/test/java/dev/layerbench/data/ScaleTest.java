package dev.layerbench.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.layerbench.data.BadInputAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ScaleTest {
    @TempDir
    Path dir;

    /** Train pixels 0, 51, 255 and 102; test pixels 204 and 255, one column. */
    private static DatasetSplit pixels() {
        return new DatasetSplit(
                new Dataset("train", new float[] {0, 51, 255, 102}, 4, 1, new int[] {0, 1, 0, 1}, List.of("a", "b"),
                        List.of("p")),
                new Dataset("test", new float[] {204, 255}, 2, 1, new int[] {1, 0}, List.of("a", "b"), List.of("p")));
    }

    @Test
    void eachSourceHasItsDefault() {
        assertEquals(Scale.UNIT, Scale.resolve(null, new DataSpec.FashionMnist(dir)));
        assertEquals(Scale.UNIT, Scale.resolve(null, new DataSpec.Idx(dir)));
        assertEquals(Scale.STANDARD, Scale.resolve(null, new DataSpec.Synthetic()));
        assertEquals(Scale.STANDARD, Scale.resolve(null, new DataSpec.Csv(dir.resolve("t.csv"), "y")));
    }

    @Test
    void aGivenScaleOverridesTheDefaultWhateverItsCase() {
        assertEquals(Scale.STANDARD, Scale.resolve("standard", new DataSpec.Idx(dir)));
        assertEquals(Scale.NONE, Scale.resolve("None", new DataSpec.Synthetic()));
        assertEquals(Scale.UNIT, Scale.resolve("UNIT", new DataSpec.Csv(dir.resolve("t.csv"), "y")));
    }

    @Test
    void anUnknownScaleNamesTheFlagAndTheChoices() {
        assertBadInput(() -> Scale.resolve("minmax", new DataSpec.Synthetic()),
                "--scale must be one of standard, unit, none, got 'minmax'.");
    }

    @Test
    void unitDividesBothPartsBy255() {
        DatasetSplit scaled = Scale.UNIT.apply(pixels());
        assertArrayEquals(new float[] {0, 0.2f, 1, 0.4f}, scaled.train().features());
        assertArrayEquals(new float[] {0.8f, 1}, scaled.test().features());
        assertArrayEquals(new int[] {1, 0}, scaled.test().labels());
        assertEquals("test [÷255]", scaled.test().source());
    }

    @Test
    void unitRefusesValuesThatAreNotBytes() {
        Path file = Fixtures.csv(dir.resolve("t.csv"), "size,weight,label", "3,300,a", "4,1,b", "5,2,a", "6,3,b");
        DatasetSplit raw = new DataSpec.Csv(file, "label").loadRaw(null, 0.5, 1L);
        assertBadInput(() -> Scale.UNIT.apply(raw), "--scale unit", "8-bit pixels 0..255", "300",
                "column 'weight'", "use --scale standard or none");
        DatasetSplit negative = new DatasetSplit(pixels().train(), new Dataset("test", new float[] {-1, 0}, 2, 1,
                new int[] {1, 0}, List.of("a", "b"), List.of("p")));
        assertBadInput(() -> Scale.UNIT.apply(negative), "test has -1 in column 'p'");
    }

    @Test
    void noneKeepsTheValuesAsRead() {
        DatasetSplit raw = pixels();
        assertSame(raw, Scale.NONE.apply(raw));
    }

    @Test
    void standardIsFittedOnTrainOnly() {
        DatasetSplit scaled = Scale.STANDARD.apply(pixels());
        // Train mean 102, population std sqrt((102² + 51² + 153² + 0²) / 4) = sqrt(9103.5).
        double std = Math.sqrt(9103.5);
        assertArrayEquals(new float[] {(float) (102 / std), (float) (153 / std)}, scaled.test().features(), 1e-6f);
    }
}
