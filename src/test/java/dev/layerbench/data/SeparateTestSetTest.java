package dev.layerbench.data;

import dev.layerbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeparateTestSetTest {
    @TempDir
    Path dir;

    private DataSpec csv(String name, String content) throws Exception {
        return DataSpec.parse("csv:" + Files.writeString(dir.resolve(name), content) + ":label");
    }

    @Test
    void testLabelsAreRenamedOntoTheTrainingClasses() throws Exception {
        // the test file only has 'cat', which it alone would call class 0; in training 'cat' is class 1
        DatasetSplit split = SeparateTestSet.read(csv("train.csv", "a,label\n1,ant\n2,cat\n3,ant\n"),
                csv("test.csv", "a,label\n4,cat\n5,cat\n"));
        assertEquals(List.of("ant", "cat"), split.test().classNames());
        assertArrayEquals(new int[]{1, 1}, split.test().labels());
        assertEquals(3, split.train().rows());
    }

    @Test
    void aClassTheTrainingSetNeverShowsIsRefused() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> SeparateTestSet.read(
                csv("train.csv", "a,label\n1,ant\n2,cat\n"), csv("test.csv", "a,label\n4,dog\n")));
        assertTrue(e.getMessage().contains("'dog'"), e.getMessage());
    }

    @Test
    void differentColumnsAreRefused() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> SeparateTestSet.read(
                csv("train.csv", "a,label\n1,ant\n2,cat\n"), csv("test.csv", "b,label\n4,ant\n")));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
    }

    @Test
    void onlyCsvPairsAreAccepted() {
        BadInputException e = assertThrows(BadInputException.class, () -> SeparateTestSet.read(
                DataSpec.parse("synthetic"), DataSpec.parse("csv:x.csv:label")));
        assertTrue(e.getMessage().startsWith("--test needs --data csv:FILE:TARGET"), e.getMessage());
    }
}
