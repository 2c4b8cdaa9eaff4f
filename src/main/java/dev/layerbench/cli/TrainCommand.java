package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.data.DataSpec;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Scale;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.model.Activation;
import dev.layerbench.model.Dtype;
import dev.layerbench.model.Initializer;
import dev.layerbench.model.Loss;
import dev.layerbench.model.Network;
import dev.layerbench.model.NetworkSpec;
import dev.layerbench.model.OptimizerKind;
import dev.layerbench.report.EpochTable;
import dev.layerbench.results.DataSummary;
import dev.layerbench.results.Json;
import dev.layerbench.results.ResultDirectory;
import dev.layerbench.results.TrainResult;
import dev.layerbench.study.SymmetryTracker;
import dev.layerbench.train.EpochRow;
import dev.layerbench.train.RunSeeds;
import dev.layerbench.train.Averaging;
import dev.layerbench.train.TrainConfig;
import dev.layerbench.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code layerbench train}: trains one network and prints (and optionally writes) a row per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a one- or two-layer network and report train/test metrics per epoch.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    DataOptions data;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share held out for testing when the data has no split (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--hidden", defaultValue = "0", paramLabel = "N",
            description = "Hidden units; 0 = no hidden layer, softmax regression (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--activation", defaultValue = "tanh", paramLabel = "A",
            description = "Hidden activation: identity, sigmoid, tanh, relu (default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--init", defaultValue = "xavier", paramLabel = "I",
            description = "Weight init: zero, constant:C, uniform:A, normal:S, xavier, xavier-normal, he, "
                    + "orthogonal (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--bias-init", defaultValue = "zero", paramLabel = "I",
            description = "Bias init: zero, constant:C, uniform:A, normal:S (default ${DEFAULT-VALUE}).")
    String biasInit;

    @Option(names = "--loss", defaultValue = "softmax-ce", paramLabel = "L",
            description = "softmax-ce, or sigmoid-bce for two classes (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "T",
            description = "float32 or float64 (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "E", description = "(default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "(default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "L", description = "(default ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "O",
            description = "sgd, momentum (Nesterov, 0.9) or adam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--average", defaultValue = "epoch", paramLabel = "A",
            description = "epoch: score and keep the mean of each epoch's SGD iterates (Polyak averaging); none: "
                    + "the last iterate (default ${DEFAULT-VALUE}).")
    String average;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seeds data, initialisation and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/epochs.csv and DIR/run.json.")
    Path out;

    @Option(names = "--trace-symmetry",
            description = "Print, per epoch, how alike the hidden units are (needs --hidden > 0).")
    boolean traceSymmetry;

    @Override
    public Integer call() {
        // Every flag is checked before data is read or ND4J allocates anything.
        ResultDirectory files = out == null ? null : ResultDirectory.in(out);
        DataSpec dataSpec = data.spec();
        Scale scale = data.scale();
        RunSeeds seeds = RunSeeds.from(seed);
        SyntheticSpec syntheticSpec = data.syntheticSpec(seeds);
        Activation act = Activation.parse(activation);
        Initializer weightInit = Initializer.parse(init, "--init");
        Initializer biasInitializer = Initializer.parse(biasInit, "--bias-init");
        Loss lossKind = Loss.parse(loss);
        Dtype precision = Dtype.parse(dtype);
        TrainConfig config = new TrainConfig(epochs, batch, OptimizerKind.parse(optimizer), learningRate,
                seeds.shuffle(), Averaging.parse(average));
        if (traceSymmetry && hidden == 0) {
            throw new BadInputException("--trace-symmetry needs a hidden layer: give --hidden N with N > 0");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new BadInputException("--test-fraction must be between 0 and 1 (exclusive), got " + testFraction);
        }

        DatasetSplit split = dataSpec.load(syntheticSpec, testFraction, seeds.data(), scale);
        NetworkSpec spec = new NetworkSpec(split.train().columns(), hidden, act, split.train().numClasses(),
                lossKind, weightInit, biasInitializer, precision, seeds.init());
        Network network = Network.create(spec);
        Environment environment = EnvironmentProbe.capture();
        SymmetryTracker tracker = traceSymmetry ? new SymmetryTracker(Integer.MAX_VALUE) : null;
        EpochPrinter printer = new EpochPrinter(command.commandLine().getOut(), tracker);
        printer.header(seeds, split, scale, spec, config, environment);
        List<EpochRow> rows = new Trainer(config).fit(network, split,
                tracker == null ? printer : tracker.andThen(printer));
        printer.footer(rows);

        if (files != null) {
            TrainResult result = TrainResult.of(Instant.now().toString(), data.provenance(seeds),
                    DataSummary.of(split), spec, config, environment, rows);
            files.write(Map.of("epochs.csv", EpochTable.csv(rows), "run.json", Json.write(result)));
            command.commandLine().getOut().println("wrote " + files.file("epochs.csv") + " and "
                    + files.file("run.json"));
        }
        return ExitCode.OK;
    }
}
