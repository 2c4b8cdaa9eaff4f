/**
 * Where the rows come from: synthetic problems with known difficulty, IDX files (MNIST, Fashion-MNIST) and CSV
 * files, plus the stratified split and train-fitted standardisation every benchmark applies before training.
 *
 * <p>Everything here works on plain Java arrays ({@link dev.layerbench.data.Dataset}) so that data problems are
 * reported as {@link dev.layerbench.BadInputException} before any ND4J allocation happens.
 */
package dev.layerbench.data;
