package dev.layerbench.cli;

import dev.layerbench.report.CompareTables;
import dev.layerbench.report.TimingComparison;
import dev.layerbench.results.ResultDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code layerbench compare}: bench results side by side, and a regression gate for CI. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare the timing.json of 'layerbench bench --out' folders, joined on implementation, "
                + "operation, shape, dtype and thread count; one column per folder and backend. Each column is "
                + "tested against the baseline as the bench's verdicts are: ratio of medians with its 95%% "
                + "interval, Mann-Whitney U p-value, faster/slower/same. The environment fields that differ "
                + "between the columns are listed first.",
                "Exit codes: 0 compared (no regression), 1 a row regressed (--fail-above), 2 bad input."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Result folders holding timing.json; the first "
            + "is the baseline unless --baseline is given.")
    List<Path> dirs;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The folder to compare against (put first; "
            + "may also be one of the DIRs).")
    Path baseline;

    @Option(names = "--fail-above", paramLabel = "PCT", description = "Exit 1 if any row is slower than the same "
            + "backend in the baseline by the test (verdict slower) and by more than PCT%%. Rows with too few "
            + "samples to test are listed as unjudged, not counted.")
    Double failAbovePct;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/compare.md, compare.csv, compare.json "
            + "instead of printing the Markdown.")
    Path out;

    @Override
    public Integer call() {
        ResultDirectory files = out == null ? null : ResultDirectory.in(out);
        TimingComparison comparison = TimingComparison.read(dirs, baseline, failAbovePct);
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter stderr = command.commandLine().getErr();
        if (files == null) {
            stdout.print(CompareTables.markdown(comparison));
        } else {
            files.write(Map.of("compare.md", CompareTables.markdown(comparison),
                    "compare.csv", CompareTables.csv(comparison), "compare.json", CompareTables.json(comparison)));
            stdout.println("wrote " + files.file("compare.md") + ", compare.csv and compare.json");
        }
        stdout.flush();
        List<TimingComparison.Regression> unjudged = comparison.unjudged();
        if (!unjudged.isEmpty()) {
            stderr.printf("layerbench: %d rows are more than %s%% slower by their medians but have fewer than 2 "
                    + "samples on a side, too few to test; not counted as regressions:%n", unjudged.size(),
                    failAbovePct);
            unjudged.forEach(r -> stderr.println("  " + r.describe()));
        }
        List<TimingComparison.Regression> regressions = comparison.regressions();
        regressions.forEach(r -> stderr.println("regressed: " + r.describe()));
        stderr.flush();
        return regressions.isEmpty() ? ExitCode.OK : ExitCode.REGRESSION;
    }
}
