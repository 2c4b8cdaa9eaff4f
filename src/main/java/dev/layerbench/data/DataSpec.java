package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.nio.file.Path;
import java.util.List;

/**
 * What the {@code --data} flag names: {@code synthetic}, {@code fashion-mnist}, {@code idx:DIR} or
 * {@code csv:FILE:TARGET}.
 *
 * <p>{@link #load} returns a train/test split scaled the way the source's users prepare it ({@link #defaultScale})
 * or as {@code --scale} asks; standardisation is always fitted on the training rows only.
 */
public sealed interface DataSpec {
    /** Where the Debian package {@code dataset-fashion-mnist} puts the files. */
    Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Overrides {@link #FASHION_MNIST_DIR}, so tests and unusual installs can point elsewhere. */
    String FASHION_MNIST_DIR_ENV = "LAYERBENCH_FASHION_MNIST_DIR";
    /** Fashion-MNIST's label values 0..9, in order. */
    List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Parses the value of {@code --data}. */
    static DataSpec parse(String text) {
        if (text.equals("synthetic")) {
            return new Synthetic();
        }
        if (text.equals("fashion-mnist")) {
            String override = System.getenv(FASHION_MNIST_DIR_ENV);
            return new FashionMnist(override == null || override.isBlank() ? FASHION_MNIST_DIR : Path.of(override));
        }
        if (text.startsWith("idx:") && text.length() > "idx:".length()) {
            return new Idx(Path.of(text.substring("idx:".length())));
        }
        if (text.startsWith("csv:")) {
            // Split on the last ':' because file paths may contain colons and column names rarely do.
            String rest = text.substring("csv:".length());
            int colon = rest.lastIndexOf(':');
            if (colon > 0 && colon < rest.length() - 1) {
                return new Csv(Path.of(rest.substring(0, colon)), rest.substring(colon + 1));
            }
        }
        throw new BadInputException("--data must be synthetic, fashion-mnist, idx:DIR or csv:FILE:TARGET, got '"
                + text + "'.");
    }

    /**
     * The train/test split, scaled with {@code scale}.
     *
     * @param synthetic    the problem to generate; only {@code synthetic} reads it
     * @param testFraction the share held out for testing where the data has no split of its own
     * @param seed         drives the split where one is made
     * @param scale        how the values are scaled, {@code --scale} or {@link #defaultScale}
     */
    default DatasetSplit load(SyntheticSpec synthetic, double testFraction, long seed, Scale scale) {
        return scale.apply(loadRaw(synthetic, testFraction, seed));
    }

    /** As {@link #load(SyntheticSpec, double, long, Scale)} with this source's {@link #defaultScale}. */
    default DatasetSplit load(SyntheticSpec synthetic, double testFraction, long seed) {
        return load(synthetic, testFraction, seed, defaultScale());
    }

    /**
     * How this source's values are scaled when {@code --scale} is not given: pixels ÷255 for IDX images, the
     * MNIST family's convention; standardisation where the features' range is unknown (CSV, where columns may
     * be in any unit, and synthetic Gaussian features, which are not pixels).
     */
    default Scale defaultScale() {
        return this instanceof FashionMnist || this instanceof Idx ? Scale.UNIT : Scale.STANDARD;
    }

    /** As {@link #load}, but with the values as generated or read. */
    DatasetSplit loadRaw(SyntheticSpec synthetic, double testFraction, long seed);

    /** The {@code --data} value this spec was parsed from, for provenance. */
    String describe();

    /** Gaussian blobs from a {@link SyntheticSpec}, split stratified. */
    record Synthetic() implements DataSpec {
        @Override
        public DatasetSplit loadRaw(SyntheticSpec synthetic, double testFraction, long seed) {
            return StratifiedSplit.split(SyntheticGenerator.generate(synthetic), testFraction, seed);
        }

        @Override
        public String describe() {
            return "synthetic";
        }
    }

    /** Fashion-MNIST from an installed copy, with its own 60,000/10,000 split. */
    record FashionMnist(Path dir) implements DataSpec {
        @Override
        public DatasetSplit loadRaw(SyntheticSpec synthetic, double testFraction, long seed) {
            if (!IdxReader.hasStandardFiles(dir)) {
                throw new BadInputException("Fashion-MNIST not found in " + dir + ": install the Debian package"
                        + " dataset-fashion-mnist, or pass --data idx:DIR.");
            }
            return IdxReader.readDirectory(dir, FASHION_MNIST_CLASSES);
        }

        @Override
        public String describe() {
            return "fashion-mnist (" + dir + ")";
        }
    }

    /** An MNIST-style directory of four IDX files, with its own train/test split. */
    record Idx(Path dir) implements DataSpec {
        @Override
        public DatasetSplit loadRaw(SyntheticSpec synthetic, double testFraction, long seed) {
            return IdxReader.readDirectory(dir, null);
        }

        @Override
        public String describe() {
            return "idx:" + dir;
        }
    }

    /** A CSV table with a named target column, split stratified. */
    record Csv(Path file, String target) implements DataSpec {
        @Override
        public DatasetSplit loadRaw(SyntheticSpec synthetic, double testFraction, long seed) {
            return StratifiedSplit.split(CsvReader.read(file, target), testFraction, seed);
        }

        @Override
        public String describe() {
            return "csv:" + file + ":" + target;
        }
    }
}
