package dev.layerbench.study;

import dev.layerbench.data.DataSpec;
import dev.layerbench.data.DatasetSplit;
import dev.layerbench.data.Scale;
import dev.layerbench.data.StratifiedSplit;
import dev.layerbench.data.SyntheticSpec;
import dev.layerbench.model.Labelled;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * A data set with one known reason for a suspicious accuracy. The synthetic ones share one problem — two
 * classes, each a mixture of two Gaussian blobs in 20 dimensions, so a hidden layer has something to add over
 * a linear model — and change one thing each.
 */
public enum Scenario implements Labelled {
    BALANCED("balanced", "two classes, 50/50"),
    IMBALANCED("imbalanced-92-8", "92% of one class: the majority share is the accuracy of a constant"),
    LABEL_NOISE("label-noise-20", "20% of labels flipped: no model can be right about those"),
    TINY("tiny-50", "50 examples: too few to learn from (40 train, 10 test)"),
    LEAKED_FEATURE("leaked-feature", "one column is the label plus a little noise: accuracy too good to be true"),
    FASHION_MNIST("fashion-mnist", "real images, 10 balanced classes");

    private final String label;
    private final String meaning;

    Scenario(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    @Override
    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether its data can be had here; Fashion-MNIST needs the Debian package. */
    public boolean available() {
        return this != FASHION_MNIST || Files.isRegularFile(((DataSpec.FashionMnist) DataSpec.parse(label)).dir()
                .resolve("train-images-idx3-ubyte.gz"));
    }

    /**
     * How its features are scaled: its source's default, so a study row is comparable with {@code layerbench
     * train} on the same data without flags (pixels ÷255 for Fashion-MNIST, standardised synthetic features).
     */
    public Scale scale() {
        return (this == FASHION_MNIST ? DataSpec.parse(label) : new DataSpec.Synthetic()).defaultScale();
    }

    /**
     * The train/test split, scaled as {@link #scale} says.
     *
     * @param fashionFraction share of Fashion-MNIST's rows to keep (stratified), so quick runs stay quick
     */
    public DatasetSplit load(long seed, double fashionFraction) {
        if (this == FASHION_MNIST) {
            DatasetSplit full = DataSpec.parse(label).load(null, 0.2, seed, scale());
            if (fashionFraction >= 1) {
                return full;
            }
            return new DatasetSplit(StratifiedSplit.split(full.train(), fashionFraction, seed).test(),
                    StratifiedSplit.split(full.test(), fashionFraction, seed).test());
        }
        return new DataSpec.Synthetic().load(synthetic(seed), 0.2, seed, scale());
    }

    SyntheticSpec synthetic(long seed) {
        double[] weights = this == IMBALANCED ? new double[]{0.92, 0.08} : null;
        return SyntheticSpec.of(2, 20, this == TINY ? 50 : 2000, weights, this == LABEL_NOISE ? 0.2 : 0.0,
                this == LEAKED_FEATURE ? 0.1 : Double.NaN, 2.0, 2, seed);
    }

    public static List<Scenario> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> Labelled.parse(Scenario.class, t, "--scenarios")).distinct().toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
