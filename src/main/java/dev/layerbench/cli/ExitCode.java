package dev.layerbench.cli;

/** The process exit codes, defined once: scripts and CI branch on them. */
public final class ExitCode {
    public static final int OK = 0;
    /** A bug or an environment failure inside layerbench. */
    public static final int INTERNAL_FAILURE = 1;
    /** The user's flags, files or data are wrong; the message says which. */
    public static final int BAD_INPUT = 2;
    /**
     * {@code layerbench compare --fail-above}: a row is slower than the baseline beyond the threshold and the noise.
     * It shares the value 1 with {@link #INTERNAL_FAILURE} because the issue asking for the gate fixes it (CI
     * scripts treat any 1 as a failed check). The two are told apart by stderr: a regression prints its rows, a
     * failure prints "internal failure" and a stack trace.
     */
    public static final int REGRESSION = 1;
    /** Stopped from outside (Ctrl-C, SIGTERM): 128 + SIGINT, what shells report for an interrupted command. */
    public static final int STOPPED = 130;

    private ExitCode() {
    }
}
