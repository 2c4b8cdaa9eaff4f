/**
 * What the benchmarks compare our ND4J network against: the same dense network and training step on PyTorch
 * (libtorch through DJL), written out op by op so both sides compute the same thing.
 */
package dev.layerbench.bench;
