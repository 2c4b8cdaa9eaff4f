package dev.layerbench.cli;

import dev.layerbench.BadInputException;
import dev.layerbench.data.SyntheticSpec;
import picocli.CommandLine.Option;

/**
 * The synthetic-data generator's flags, shared by every command that can generate data. Each is optional and
 * boxed so that giving one together with real data ({@code --data fashion-mnist --label-noise 0.2}) can be
 * refused instead of silently ignored.
 */
final class SyntheticOptions {
    @Option(names = "--classes", paramLabel = "K", description = "Synthetic: number of classes (default 2).")
    Integer classes;

    @Option(names = "--features", paramLabel = "D", description = "Synthetic: number of features (default 20).")
    Integer features;

    @Option(names = "--samples", paramLabel = "N", description = "Synthetic: number of rows (default 2000).")
    Integer samples;

    @Option(names = "--class-weights", paramLabel = "W,W,...", split = ",",
            description = "Synthetic: share of rows per class, summing to 1, e.g. 0.92,0.08 (default balanced).")
    double[] classWeights;

    @Option(names = "--label-noise", paramLabel = "R",
            description = "Synthetic: fraction of rows whose label is flipped to another class (default 0).")
    Double labelNoise;

    @Option(names = "--leak", paramLabel = "S",
            description = "Synthetic: add a column = label + S·N(0,1); smaller S leaks more (default none).")
    Double leakStrength;

    @Option(names = "--separation", paramLabel = "S",
            description = "Synthetic: distance scale of the class centres (default 1.5).")
    Double separation;

    @Option(names = "--clusters", paramLabel = "C",
            description = "Synthetic: Gaussian blobs per class; >1 is not linearly separable (default 1).")
    Integer clustersPerClass;

    /** The generator spec, or an error naming the first flag given for data that is not synthetic. */
    SyntheticSpec toSpec(boolean synthetic, long seed) {
        if (!synthetic) {
            String given = firstGiven();
            if (given != null) {
                throw new BadInputException(given + " applies to --data synthetic only");
            }
        }
        SyntheticSpec d = SyntheticSpec.defaults();
        return SyntheticSpec.of(or(classes, d.classes()), or(features, d.features()), or(samples, d.samples()),
                classWeights, or(labelNoise, d.labelNoise()), or(leakStrength, d.leakStrength()),
                or(separation, d.separation()), or(clustersPerClass, d.clustersPerClass()), seed);
    }

    private String firstGiven() {
        Object[][] flags = {{"--classes", classes}, {"--features", features}, {"--samples", samples},
                {"--class-weights", classWeights}, {"--label-noise", labelNoise}, {"--leak", leakStrength},
                {"--separation", separation}, {"--clusters", clustersPerClass}};
        for (Object[] flag : flags) {
            if (flag[1] != null) {
                return (String) flag[0];
            }
        }
        return null;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
