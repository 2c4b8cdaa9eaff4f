package dev.layerbench;

/**
 * A run stopped from outside — Ctrl-C, {@code kill}, a scheduler's time limit — rather than by a failure of its
 * own. The CLI prints its one-line message and exits 130, the shell's code for an interrupted command; what was
 * journaled stays, and the message of the command's resume hint says how to go on.
 */
public class RunStoppedException extends RuntimeException {
    public RunStoppedException(String message) {
        super(message);
    }
}
