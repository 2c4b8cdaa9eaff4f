package dev.layerbench;

/**
 * A problem with what the user gave us — a file, a flag, a dataset — as opposed to a bug in layerbench.
 *
 * <p>The CLI turns it into exit code 2 and prints only {@link #getMessage()}, so the message must be one
 * full sentence that names the culprit (the file, the flag, the column) and what is wrong with it.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
