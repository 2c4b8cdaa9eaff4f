package dev.layerbench.benchmarks;

import dev.layerbench.bench.BenchmarkShape;
import dev.layerbench.bench.Implementation;
import dev.layerbench.bench.Product;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark runs at the params the orchestration passes (shape, threads, and for the ceilings every product
 * of the shape), as JMH's integration tests do it: in this JVM, one 10 ms warm-up and one 10 ms measurement, a
 * failure anywhere failing the run. Exactly one result per benchmark and params, each with a positive time.
 */
class BenchmarkSmokeTest {
    static {
        // Before anything touches DJL's Engine: libtorch comes from the native jar, never from the network.
        System.setProperty("ai.djl.offline", "true");
    }

    @ParameterizedTest(name = "hidden={0}")
    @ValueSource(ints = {0, 5})
    void bothCeilingsTimeEveryProductOfTheShape(int hidden) throws RunnerException {
        BenchmarkShape shape = BenchmarkShape.of(4, 8, 3, hidden, "float32");
        List<String> products = Product.distinct(shape, List.of(Implementation.values())).stream()
                .map(Product::label).toList();
        Collection<RunResult> results = run(options(hidden)
                .include("\\.(GemmCeilingBenchmark|TorchGemmCeilingBenchmark)\\.gemm$")
                .param("product", products.toArray(String[]::new)));

        Set<String> expected = new TreeSet<>();
        for (String benchmark : List.of("GemmCeilingBenchmark", "TorchGemmCeilingBenchmark")) {
            products.forEach(product -> expected.add(benchmark + ".gemm " + product));
        }
        assertOnePositiveResultEach(expected, results, "product");
    }

    @ParameterizedTest(name = "hidden={0}")
    @ValueSource(ints = {0, 5})
    void everyDenseLayerBenchmarkRunsEachOfItsOperations(int hidden) throws RunnerException {
        Collection<RunResult> results = run(options(hidden)
                .include("\\.(OwnDenseLayerBenchmark|Dl4jDenseLayerBenchmark|TorchDenseLayerBenchmark)\\."));

        Set<String> expected = new TreeSet<>();
        expected.addAll(List.of("OwnDenseLayerBenchmark.forward", "OwnDenseLayerBenchmark.backward",
                "OwnDenseLayerBenchmark.trainStep", "Dl4jDenseLayerBenchmark.forward",
                "Dl4jDenseLayerBenchmark.trainStep", "TorchDenseLayerBenchmark.forward",
                "TorchDenseLayerBenchmark.backward", "TorchDenseLayerBenchmark.trainStep"));
        assertOnePositiveResultEach(expected, results, null);
    }

    private static ChainedOptionsBuilder options(int hidden) {
        return new OptionsBuilder()
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(10))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(10))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .param("batch", "4")
                .param("in", "8")
                .param("out", "3")
                .param("hidden", Integer.toString(hidden))
                .param("dtype", "float32")
                .param("threads", "1");
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    /** {@code expected} names "Class.method" plus, when {@code param} is given, a space and its value. */
    private static void assertOnePositiveResultEach(Set<String> expected, Collection<RunResult> results,
                                                    String param) {
        List<String> ran = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1)
                    + (param == null ? "" : " " + result.getParams().getParam(param));
            ran.add(name);
            assertTrue(result.getPrimaryResult().getScore() > 0, name + ": " + result.getPrimaryResult());
        }
        assertEquals(expected.size(), ran.size(), "one result per run: " + ran);
        assertEquals(expected, new TreeSet<>(ran));
    }
}
