package dev.layerbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalFileTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("j.jsonl");
    }

    private JournalFile twoEntries() {
        JournalFile journal = JournalFile.create(file(), "test-journal", 1, Map.of("preset", "smoke"), "layerbench x");
        journal.append(Map.of("n", 1));
        journal.append(Map.of("n", 2));
        return journal;
    }

    @Test
    void aLineCutShortIsNotReadAndIsCutOffBeforeTheNextAppend() throws Exception {
        twoEntries();
        Files.writeString(file(), "{\"n\":", StandardOpenOption.APPEND);

        JournalFile reading = JournalFile.read(file(), "test-journal", 1);
        assertEquals(List.of(1, 2), reading.entries(JsonNode.class, "an entry", n -> null).stream()
                .map(n -> n.get("n").asInt()).toList());
        assertTrue(Files.readString(file()).endsWith("{\"n\":"), "reading changes nothing");

        JournalFile appending = JournalFile.openToAppend(file(), "test-journal", 1);
        appending.append(Map.of("n", 3));
        assertEquals(List.of(1, 2, 3), appending.entries(JsonNode.class, "an entry", n -> null).stream()
                .map(n -> n.get("n").asInt()).toList());
        assertEquals("smoke", appending.grid().get("preset").asText());
        assertEquals(4, Files.readAllLines(file(), StandardCharsets.UTF_8).size());
    }

    @Test
    void anExistingJournalIsNeverStartedOver() {
        twoEntries();
        BadInputException e = assertThrows(BadInputException.class, () ->
                JournalFile.create(file(), "test-journal", 1, Map.of(), "layerbench x"));
        assertTrue(e.getMessage().contains("continue it with 'layerbench x --resume " + dir + "'"), e.getMessage());
    }

    @Test
    void anotherKindOrVersionOrADamagedLineIsBadInput() throws Exception {
        twoEntries();
        assertThrows(BadInputException.class, () -> JournalFile.read(file(), "other-journal", 1));
        assertThrows(BadInputException.class, () -> JournalFile.read(file(), "test-journal", 2));
        Files.writeString(file(), "{\"n\": oops}\n", StandardOpenOption.APPEND);
        BadInputException e = assertThrows(BadInputException.class, () ->
                JournalFile.read(file(), "test-journal", 1).entries(JsonNode.class, "an entry", n -> null));
        assertTrue(e.getMessage().startsWith(file() + " line 4 is not an entry"), e.getMessage());
        assertThrows(BadInputException.class, () -> JournalFile.read(dir.resolve("none.jsonl"), "test-journal", 1));
    }

    @Test
    void aLineThatBindsButLacksWhatLayerbenchWritesIsBadInput() throws Exception {
        twoEntries();
        Files.writeString(file(), "null\n", StandardOpenOption.APPEND);
        JournalFile journal = JournalFile.read(file(), "test-journal", 1);
        BadInputException nullLine = assertThrows(BadInputException.class,
                () -> journal.entries(Map.class, "an entry", n -> null));
        assertEquals(file() + " line 4 lacks everything (it is null)", nullLine.getMessage());
        BadInputException incomplete = assertThrows(BadInputException.class,
                () -> journal.entries(JsonNode.class, "an entry", n -> n.has("m") ? null : "m"));
        assertEquals(file() + " line 2 lacks m", incomplete.getMessage());
    }

    @Test
    void aClaimedJournalCannotBeClaimedAgainUntilReleased() throws Exception {
        JournalFile journal = twoEntries();
        try (AutoCloseable claim = journal.claim()) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> JournalFile.read(file(), "test-journal", 1).claim());
            assertTrue(e.getMessage().contains("in use by another layerbench run"), e.getMessage());
        }
        journal.claim().close();
    }
}
