package dev.layerbench.model;

import org.nd4j.linalg.api.buffer.DataType;


/** The two floating-point precisions layerbench studies, under the names users type. */
public enum Dtype implements Labelled {
    FLOAT32("float32", DataType.FLOAT),
    FLOAT64("float64", DataType.DOUBLE);

    private final String label;
    private final DataType nd4j;

    Dtype(String label, DataType nd4j) {
        this.label = label;
        this.nd4j = nd4j;
    }

    @Override
    public String label() {
        return label;
    }

    public DataType nd4j() {
        return nd4j;
    }

    public static Dtype parse(String text) {
        return Labelled.parse(Dtype.class, text, "--dtype");
    }


    @Override
    public String toString() {
        return label;
    }
}
