package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two floating-point precisions layerbench studies, under the names users type. */
public enum Dtype {
    FLOAT32("float32", DataType.FLOAT),
    FLOAT64("float64", DataType.DOUBLE);

    private final String label;
    private final DataType nd4j;

    Dtype(String label, DataType nd4j) {
        this.label = label;
        this.nd4j = nd4j;
    }

    public String label() {
        return label;
    }

    public DataType nd4j() {
        return nd4j;
    }

    public static Dtype parse(String text) {
        for (Dtype d : values()) {
            if (d.label.equals(text.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BadInputException("--dtype must be one of " + labels() + ", got '" + text + "'");
    }

    private static String labels() {
        return Arrays.stream(values()).map(Dtype::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
