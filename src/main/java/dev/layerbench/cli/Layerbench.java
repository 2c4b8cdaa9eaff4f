package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point. Maps outcomes to exit codes in one place: bad input (a {@link BadInputException} or a picocli
 * parameter error) prints one line and exits 2; anything else is a layerbench failure, exit 1, with the stack
 * trace because it is a bug to report.
 */
public final class Layerbench {
    private Layerbench() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LayerbenchCommand());
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.BAD_INPUT);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL_FAILURE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException) {
                err.println("layerbench: " + e.getMessage());
                err.flush();
                return ExitCode.BAD_INPUT;
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
}
