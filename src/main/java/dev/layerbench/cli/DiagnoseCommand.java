package dev.layerbench.cli;

import dev.layerbench.data.DataSpec;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Scale;
import dev.layerbench.data.SeparateTestSet;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.diagnose.Diagnosis;
import dev.layerbench.diagnose.DiagnosisMarkdown;
import dev.layerbench.report.DiagnosisCharts;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultDirectory;
import dev.layerbench.train.RunSeeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code layerbench diagnose}: runs the "why isn't my network better?" checklist on a dataset and prints the
 * findings as Markdown (and, with {@code --out}, writes them as {@code diagnosis.md} and {@code diagnosis.json}).
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check a dataset for what limits accuracy: class imbalance, leaked features, duplicated rows,"
                + " label noise, too little data, and zero-initialised hidden layers.")
final class DiagnoseCommand implements Callable<Integer> {
    /** The held-out share where the data has no split of its own; train's default. */
    static final double TEST_FRACTION = 0.2;

    @Spec
    CommandSpec command;

    @Mixin
    DataOptions data;

    @Option(names = "--test", paramLabel = "csv:FILE:TARGET",
            description = "Your own test set; --data (a CSV too) is then used whole for training.")
    String test;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seeds data, splits, label noise, initialisation and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/diagnosis.md, DIR/diagnosis.json and the "
            + "curves over seeds, DIR/label-noise.svg and DIR/learning-curve.svg.")
    Path out;

    @Override
    public Integer call() {
        // Every flag is checked before data is read or ND4J allocates anything.
        ResultDirectory files = out == null ? null : ResultDirectory.in(out);
        DataSpec dataSpec = data.spec();
        Scale scale = data.scale();
        RunSeeds seeds = RunSeeds.from(seed);
        SyntheticSpec syntheticSpec = data.syntheticSpec(seeds);

        DatasetSplit raw = test == null ? dataSpec.loadRaw(syntheticSpec, TEST_FRACTION, seeds.data())
                : SeparateTestSet.read(dataSpec, DataSpec.parse(test));
        Map<String, Object> provenance = data.provenance(seeds);
        if (test == null) {
            provenance.put("testFraction", TEST_FRACTION);
        } else {
            provenance.put("test", DataSpec.parse(test).describe());
        }
        Diagnosis diagnosis = Diagnosis.run(raw, scale, provenance, seeds, Instant.now().toString());
        String markdown = DiagnosisMarkdown.render(diagnosis);

        PrintWriter stdout = command.commandLine().getOut();
        stdout.print(markdown);
        if (files != null) {
            Map<String, String> written = new LinkedHashMap<>(Map.of("diagnosis.md", markdown, "diagnosis.json",
                    Json.write(diagnosis)));
            written.putAll(DiagnosisCharts.of(diagnosis));
            files.write(written);
            stdout.println();
            stdout.println("wrote " + files.file("diagnosis.md") + ", diagnosis.json, "
                    + DiagnosisCharts.LABEL_NOISE_FILE + " and " + DiagnosisCharts.LEARNING_CURVE_FILE);
        }
        stdout.flush();
        return ExitCode.OK;
    }
}
