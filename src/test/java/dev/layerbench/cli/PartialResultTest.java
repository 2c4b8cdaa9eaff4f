package dev.layerbench.cli;

import dev.layerbench.report.TimingFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.layerbench.report.TimingFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bench that never finished is still an input to compare and report — its journaled rows, marked partial. */
class PartialResultTest {
    @TempDir
    Path dir;

    @Test
    void compareAndReportReadAStoppedBenchFromItsJournalAndSaySo() throws Exception {
        Path finished = TimingFixtures.folder(dir, "node-a", row("cpu", "own", "forward", 100));
        Path stopped = TimingFixtures.stoppedBench(dir, "node-b", row("cpu", "own", "forward", 80));

        CliRun compare = CliRun.of("compare", finished.toString(), stopped.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("| node-b (partial: the bench did not finish"), compare.out());
        assertFalse(compare.out().contains("| node-a (baseline) (partial"), compare.out());
        assertTrue(compare.out().matches("(?s).*\\| forward \\| own \\| 100\\.0+ \\[[0-9.]+, [0-9.]+\\] \\| 80\\.0+ "
                + "\\[[0-9.]+, [0-9.]+\\] \\| 0\\.80+ \\[0\\.7[0-9]+, 0\\.8[0-9]+\\] faster \\(p < 0\\.001\\) \\|.*"),
                "the journal's forks make the same row as a finished bench: " + compare.out());

        Path notes = dir.resolve("tasks.md");
        Files.writeString(notes, "- task `node-c` failed: exit 1 before any row\n");
        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("report", finished.toString(), stopped.toString(), "--notes", notes.toString(),
                "--out", html.toString());
        assertEquals(0, report.exitCode(), report.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Notes</h2>\n<ul>\n<li>task <code>node-c</code> failed: exit 1 before any row"
                + "</li>"), page);
        assertEquals(1, page.split("<strong>Partial:</strong>", -1).length - 1, "only node-b is partial");
    }

    @Test
    void missingNotesAreBadInput() throws Exception {
        Path finished = TimingFixtures.folder(dir, "node-a", row("cpu", "own", "forward", 100));
        CliRun report = CliRun.of("report", finished.toString(), "--notes", dir.resolve("none.md").toString(),
                "--out", dir.resolve("r.html").toString());
        assertEquals(ExitCode.BAD_INPUT, report.exitCode());
        assertEquals("layerbench: --notes " + dir.resolve("none.md") + " cannot be read: no such file",
                report.err().strip());
        assertFalse(Files.exists(dir.resolve("r.html")));
    }
}
