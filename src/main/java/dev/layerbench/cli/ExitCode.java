package dev.layerbench.cli;

/** The process exit codes, defined once: scripts and CI branch on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** A bug or an environment failure inside layerbench. */
    public static final int INTERNAL_FAILURE = 1;
    /** The user's flags, files or data are wrong; the message says which. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
