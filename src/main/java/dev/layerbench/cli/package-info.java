/**
 * The picocli commands. They parse flags into the configs of the other packages and call them; the logic lives
 * there. Exit codes are defined once in {@link dev.layerbench.cli.ExitCode}.
 */
package dev.layerbench.cli;
