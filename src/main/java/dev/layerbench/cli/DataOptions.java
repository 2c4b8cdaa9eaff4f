package dev.layerbench.cli;

import dev.layerbench.data.DataSpec;
import dev.layerbench.data.Scale;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.train.RunSeeds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's data comes from and how it is scaled: {@code --data}, {@code --scale} and, for synthetic
 * data, the generator's flags.
 */
final class DataOptions {
    @Option(names = "--data", defaultValue = "synthetic", paramLabel = "SOURCE",
            description = "synthetic, fashion-mnist, idx:DIR or csv:FILE:TARGET (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--scale", paramLabel = "S",
            description = "standard (per column, fitted on train), unit (÷255, for 8-bit pixels) or none (default:"
                    + " unit for fashion-mnist and idx, standard for synthetic and csv).")
    String scale;

    @Mixin
    SyntheticOptions synthetic;

    DataSpec spec() {
        return DataSpec.parse(data);
    }

    /** The --scale given, or the data source's default. */
    Scale scale() {
        return Scale.resolve(scale, spec());
    }

    /** The generator's spec (defaults where no flag was given); an error if a flag was given for real data. */
    SyntheticSpec syntheticSpec(RunSeeds seeds) {
        return synthetic.toSpec(spec() instanceof DataSpec.Synthetic, seeds.data());
    }

    /** What a result records of its data: the --data value, every generator parameter, the seeds. */
    Map<String, Object> provenance(RunSeeds seeds) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("spec", spec().describe());
        provenance.put("scale", scale().label());
        if (spec() instanceof DataSpec.Synthetic) {
            provenance.put("synthetic", syntheticSpec(seeds));
        }
        provenance.put("seeds", seeds);
        return provenance;
    }
}
