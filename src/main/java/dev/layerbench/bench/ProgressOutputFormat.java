package dev.layerbench.bench;

import dev.layerbench.results.TimingResult;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * JMH's output hook, reduced to one line per finished benchmark — {@code progress <label> <µs/op>}, which the
 * parent process reads to draw its progress — and JMH's warnings, kept for the journal: the rest of JMH's log
 * would only be noise there, but a warning is a reason to doubt a number and is shown above the tables.
 */
final class ProgressOutputFormat implements OutputFormat {
    private final PrintStream out;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final StringBuilder line = new StringBuilder();

    ProgressOutputFormat(PrintStream out) {
        this.out = out;
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result == null) {
            return;
        }
        BenchmarkParams p = result.getParams();
        String benchmark = p.getBenchmark();
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String product = p.getParam("product");
        String label = Implementation.ofBenchmarkClass(type.substring(type.lastIndexOf('.') + 1)) + " "
                + (product != null ? product : Operation.ofMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1)))
                + " t=" + p.getParam("threads") + " b=" + p.getParam("batch") + " i=" + p.getParam("in") + " o=" + p.getParam("out")
                + " h=" + p.getParam("hidden") + " " + p.getParam("dtype");
        out.printf(Locale.US, "%s%s %.2f%n", ChildProcess.PROGRESS, label.replace(' ', '_'), result.getPrimaryResult().getScore());
        out.flush();
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> result) {
    }

    /** JMH's warnings this run printed, each once, whitespace collapsed. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void print(String s) {
        line.append(s);
    }

    @Override
    public void println(String s) {
        line.append(s);
        for (String l : line.toString().split("\n")) {
            // JMH writes "# *** WARNING: … ***" in its headers and "WARNING: …" blocks after a run
            String text = l.replaceAll("^[#*\\s]+|[*\\s]+$", "");
            if (text.startsWith("WARNING")) {
                warnings.add(TimingResult.JMH_WARNING_PREFIX + text.replaceAll("\\s+", " "));
            }
        }
        line.setLength(0);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
    }

    @Override
    public void verbosePrintln(String s) {
    }

    @Override
    public void write(int b) {
    }

    @Override
    public void write(byte[] b) {
    }
}
