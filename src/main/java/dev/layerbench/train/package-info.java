/**
 * Training and judging: the minibatch trainer (seeded shuffles, divergence stop, listeners for progress and
 * tracing) and the metrics of a trained classifier on held-out data — the confusion matrix, accuracy and its
 * class-balanced variants, ROC-AUC and log-loss, the majority baseline.
 *
 * <p>Metrics are plain Java on arrays copied out of ND4J in one bulk copy, so the numbers do not depend on the
 * backend or the dtype under study, and their definitions follow scikit-learn's so results can be checked
 * against it.
 */
package dev.layerbench.train;
