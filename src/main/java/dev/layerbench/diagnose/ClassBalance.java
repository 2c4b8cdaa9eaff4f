package dev.layerbench.diagnose;

import dev.layerbench.data.DatasetSplit;
import dev.layerbench.train.Evaluation;

import java.util.List;

/**
 * How many rows each class has, and what a model that ignores the features scores: any accuracy must be read
 * against these numbers, because on 92/8 data predicting the larger class is already 92% accurate.
 *
 * @param classNames          one name per class index
 * @param trainCounts         training rows per class
 * @param testCounts          test rows per class
 * @param majorityBaseline    the test share of the test set's most frequent class
 * @param trainMajorityClass  the index of the most frequent training class (the lowest index on a tie)
 * @param constantPredictorAccuracy test accuracy of always predicting {@code trainMajorityClass}; below
 *                            {@code majorityBaseline} when train and test disagree on which class is largest
 */
public record ClassBalance(List<String> classNames, int[] trainCounts, int[] testCounts, double majorityBaseline,
                           int trainMajorityClass, double constantPredictorAccuracy) {

    public static ClassBalance measure(DatasetSplit split) {
        int[] train = split.train().classCounts();
        int[] test = split.test().classCounts();
        int majority = 0;
        for (int k = 1; k < train.length; k++) {
            if (train[k] > train[majority]) {
                majority = k;
            }
        }
        double constant = (double) test[majority] / split.test().rows();
        return new ClassBalance(split.train().classNames(), train, test, Evaluation.majorityShare(test), majority,
                constant);
    }

    public String trainMajorityClassName() {
        return classNames.get(trainMajorityClass);
    }
}
