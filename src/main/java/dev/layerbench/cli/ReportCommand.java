package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.report.HtmlReport;
import dev.layerbench.report.ReportInput;
import dev.layerbench.results.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code layerbench report}: bench and study results as one self-contained HTML page with charts. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one HTML file (inline SVG charts, no scripts, nothing loaded from the network) from "
                + "the folders of 'layerbench bench --out' (timing.json) and 'layerbench study --out' "
                + "(study.json, curves.csv); given several bench folders (machines), a hardware comparison too.",
                "Exit codes: 0 written, 2 bad input."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Bench or study result folders, shown in this "
            + "order.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write "
            + "(replaced whole, atomically).")
    Path out;

    @Option(names = "--notes", paramLabel = "FILE", description = "Markdown placed at the top under \"Notes\" "
            + "(## headings, - items, paragraphs, **bold**, `code`): what the inputs alone do not say, e.g. which "
            + "Slurm tasks failed.")
    Path notes;

    @Option(names = "--baseline", paramLabel = "DIR", description = "With several bench folders (machines), the one "
            + "the hardware comparison measures the others against; one of the DIRs (default: the first bench "
            + "folder).")
    Path baseline;

    @Override
    public Integer call() {
        checkOut();
        String notesText = notes == null ? "" : readNotes();
        String page = HtmlReport.render(dirs.stream().map(ReportInput::read).toList(), notesText, baseline);
        AtomicFiles.write(out, page);
        command.commandLine().getOut().println("wrote " + out);
        command.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private String readNotes() {
        try {
            return Files.readString(notes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--notes " + notes + " cannot be read: " + (e instanceof NoSuchFileException
                    ? "no such file" : e.getMessage()), e);
        }
    }

    /** Before any reading: the file must be writable where it is asked for, not a folder. */
    private void checkOut() {
        if (Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a folder; give the HTML file to write");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new BadInputException("--out " + out + " cannot be written: " + parent
                    + " is not a writable folder");
        }
    }
}
