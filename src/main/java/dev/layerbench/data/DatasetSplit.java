package dev.layerbench.data;

/** A training set and the held-out set it is judged on; same columns, same classes. */
public record DatasetSplit(Dataset train, Dataset test) {
    public DatasetSplit {
        if (train.columns() != test.columns() || !train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test disagree on columns or classes");
        }
    }
}
