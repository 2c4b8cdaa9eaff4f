package dev.layerbench.data;

import dev.layerbench.BadInputException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check every bad-input test makes: the right exception, and a message naming the culprit and the problem. */
final class BadInputAssert {
    private BadInputAssert() {
    }

    static void assertBadInput(Executable action, String... expectedParts) {
        BadInputException e = assertThrows(BadInputException.class, action);
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }
}
