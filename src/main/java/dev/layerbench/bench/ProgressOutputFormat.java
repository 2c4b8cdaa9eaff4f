package dev.layerbench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;

/**
 * JMH's output hook, reduced to one line per finished benchmark: {@code progress <label> <µs/op>}. The parent
 * process reads these lines to draw its progress bar; JMH's own verbose log would only be noise there.
 */
final class ProgressOutputFormat implements OutputFormat {
    private final PrintStream out;

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
        String label = Implementation.ofBenchmarkClass(type.substring(type.lastIndexOf('.') + 1)) + " "
                + Operation.ofMethod(benchmark.substring(benchmark.lastIndexOf('.') + 1))
                + " b=" + p.getParam("batch") + " i=" + p.getParam("in") + " o=" + p.getParam("out")
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

    @Override
    public void print(String s) {
    }

    @Override
    public void println(String s) {
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
