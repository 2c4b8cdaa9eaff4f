/**
 * The networks under study: a dense layer on ND4J, networks of one or two of them with a fused output loss,
 * initialisers, activations and update rules — everything that decides what a training step computes.
 */
package dev.layerbench.model;
