/**
 * How good a trained classifier is on held-out data: the confusion matrix, accuracy and its class-balanced
 * variants, ROC-AUC and log-loss, and summaries of a metric over repeated runs.
 *
 * <p>Everything here is plain Java on arrays the caller has already copied out of ND4J, so the numbers do not
 * depend on the backend or the dtype under study, and the definitions follow scikit-learn's so results can be
 * checked against it.
 */
package dev.layerbench.train;
