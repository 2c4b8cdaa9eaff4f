package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How feature values are scaled before training ({@code --scale}), the way the data's users prepare it.
 *
 * <p>Each source has its own default ({@link DataSpec#defaultScale}). MNIST-family images are by convention
 * divided by 255, which keeps every feature in [0, 1]; standardising them instead divides nearly always black
 * corner pixels by a standard deviation as small as 0.09 (Fashion-MNIST's), so a faint pixel there becomes a
 * feature near 280. Columns of unknown range (CSV, synthetic) are standardised.
 */
public enum Scale {
    /** Per column {@code (x − mean) / std}, fitted on the training rows ({@link Standardizer}). */
    STANDARD("standard"),
    /** {@code x / 255}: 8-bit pixels into [0, 1], the MNIST-family convention; values must lie in [0, 255]. */
    UNIT("unit"),
    /** The values as read or generated. */
    NONE("none");

    /** The largest value of an unsigned byte, the pixel range {@link #UNIT} maps onto [0, 1]. */
    private static final float BYTE_MAX = 255f;

    private final String label;

    Scale(String label) {
        this.label = label;
    }

    /** The name {@code --scale} takes and results record. */
    public String label() {
        return label;
    }

    /** The value of {@code --scale}, or {@code source}'s default when the flag was not given ({@code null}). */
    public static Scale resolve(String text, DataSpec source) {
        if (text == null) {
            return source.defaultScale();
        }
        return Arrays.stream(values()).filter(s -> s.label.equals(text.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new BadInputException("--scale must be one of " + Arrays.stream(values())
                        .map(Scale::label).collect(Collectors.joining(", ")) + ", got '" + text + "'."));
    }

    /** Both parts scaled the same way; {@link #STANDARD} fits on {@code raw.train()} only. */
    public DatasetSplit apply(DatasetSplit raw) {
        return switch (this) {
            case STANDARD -> Standardizer.standardize(raw);
            case UNIT -> new DatasetSplit(unit(raw.train()), unit(raw.test()));
            case NONE -> raw;
        };
    }

    /**
     * ÷255, refused for values outside [0, 255]: those are not 8-bit pixels, and dividing them by 255 would
     * leave features of arbitrary range while the results claim a [0, 1] scale.
     */
    private static Dataset unit(Dataset data) {
        float[] x = data.features();
        float[] scaled = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= BYTE_MAX)) {
                throw new BadInputException("--scale unit divides by 255 and is meant for 8-bit pixels 0..255, but "
                        + data.source() + " has " + Numbers.format(x[i]) + " in column '"
                        + data.featureNames().get(i % data.columns()) + "'; use --scale standard or none.");
            }
            scaled[i] = x[i] / BYTE_MAX;
        }
        return new Dataset(data.source() + " [÷255]", scaled, data.rows(), data.columns(), data.labels(),
                data.classNames(), data.featureNames());
    }

    @Override
    public String toString() {
        return label;
    }
}
