package dev.layerbench.data;

import dev.layerbench.BadInputException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's own test set beside their training set. Each file maps its class names to indices on its own, so the
 * test labels are renamed onto the training set's classes; a class the training set never saw cannot be
 * predicted, and different columns mean different data — both are refused.
 */
public final class SeparateTestSet {
    private SeparateTestSet() {
    }

    /** Reads {@code train} and {@code test} whole (two csv:FILE:TARGET specs) as one split. */
    public static DatasetSplit read(DataSpec train, DataSpec test) {
        if (!(train instanceof DataSpec.Csv trainCsv) || !(test instanceof DataSpec.Csv testCsv)) {
            throw new BadInputException("--test needs --data csv:FILE:TARGET and --test csv:FILE:TARGET, got --data "
                    + train.describe() + " and --test " + test.describe());
        }
        return align(CsvReader.read(trainCsv.file(), trainCsv.target()),
                CsvReader.read(testCsv.file(), testCsv.target(), 1));
    }

    static DatasetSplit align(Dataset train, Dataset test) {
        if (!train.featureNames().equals(test.featureNames())) {
            throw new BadInputException("the test set " + test.source() + " has columns " + test.featureNames()
                    + ", the training set " + train.source() + " has " + train.featureNames());
        }
        Map<String, Integer> trainIndex = new HashMap<>();
        List<String> names = train.classNames();
        for (int i = 0; i < names.size(); i++) {
            trainIndex.put(names.get(i), i);
        }
        int[] labels = new int[test.rows()];
        for (int i = 0; i < labels.length; i++) {
            String name = test.classNames().get(test.labels()[i]);
            Integer index = trainIndex.get(name);
            if (index == null) {
                throw new BadInputException("the test set " + test.source() + " has class '" + name
                        + "', which the training set " + train.source() + " never shows");
            }
            labels[i] = index;
        }
        return new DatasetSplit(train, new Dataset(test.source(), test.features(), test.rows(), test.columns(),
                labels, train.classNames(), test.featureNames()));
    }
}
