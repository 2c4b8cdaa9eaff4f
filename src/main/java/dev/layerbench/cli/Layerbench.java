package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.RunStoppedException;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Entry point. Maps outcomes to exit codes in one place: bad input (a {@link BadInputException} or a picocli
 * parameter error) prints one line and exits 2; a run stopped by a signal prints one line and exits 130; a file
 * the machine would not let us read or write (a full disk, a quota) prints one line and exits 1; anything else is a
 * layerbench failure, exit 1, with the stack trace because it is a bug to report.
 */
public final class Layerbench {
    private Layerbench() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LayerbenchCommand());
        // picocli's own completion-script command, added here because only here can it take a shorter name (the
        // spec's name too, which its usage and `help`'s completions show)
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().name("completion");
        cli.addSubcommand(completion);
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.BAD_INPUT);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL_FAILURE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException) {
                err.println("layerbench: " + e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
            }
            if (e instanceof RunStoppedException) {
                err.println("layerbench: " + e.getMessage());
                err.flush();
                return ExitCode.STOPPED;
            }
            Throwable outOfMemory = outOfMemory(e);
            if (outOfMemory != null) {
                err.println("layerbench: out of memory (" + firstLine(outOfMemory.getMessage()) + "): use a smaller "
                        + "--batch, fewer --samples or a smaller preset, or give the JVM more with "
                        + "LAYERBENCH_JAVA_OPTS=-Xmx…; on a GPU, free its memory or use a smaller shape");
                err.flush();
                return ExitCode.INTERNAL_FAILURE;
            }
            if (e instanceof UncheckedIOException) {
                // The environment failed, not layerbench (ENOSPC, EFBIG, EDQUOT…): exit 1 like a failure, since the
                // same flags may well succeed once there is room, but no stack trace — the message names the file
                // and the reason, and result files are written whole or not at all (AtomicFiles).
                err.println("layerbench: " + e.getMessage());
                err.flush();
                return ExitCode.INTERNAL_FAILURE;
            }
            err.println("layerbench: internal failure: " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCode.INTERNAL_FAILURE;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("layerbench: " + e.getMessage());
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return ExitCode.BAD_INPUT;
        });
        return cli;
    }

    /**
     * The out-of-memory failure behind {@code e}, if that is what it is: the JVM's own, or ND4J's report of a
     * failed native or CUDA allocation, which arrives as a runtime exception with the allocator's words in it.
     */
    static Throwable outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof OutOfMemoryError || message.contains("cudaMalloc") || message.contains("out of memory")
                    || message.contains("Failed to allocate")) {
                return t;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "no detail" : message.lines().findFirst().orElse("no detail");
    }
}
