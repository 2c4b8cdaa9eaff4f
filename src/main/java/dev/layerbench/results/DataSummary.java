package dev.layerbench.results;

import dev.layerbench.data.DatasetSplit;

import java.util.List;

/** What a result was trained and tested on: the source and the shape and class balance of each part. */
public record DataSummary(String trainSource, String testSource, int trainRows, int testRows, int features,
                          List<String> classNames, int[] trainClassCounts, int[] testClassCounts) {

    public static DataSummary of(DatasetSplit split) {
        return new DataSummary(split.train().source(), split.test().source(), split.train().rows(),
                split.test().rows(), split.train().columns(), split.train().classNames(),
                split.train().classCounts(), split.test().classCounts());
    }
}
