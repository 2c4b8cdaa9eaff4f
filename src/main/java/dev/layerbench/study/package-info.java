/**
 * The study of symmetry in a hidden layer: how zero or constant initialisation keeps hidden units identical, and
 * whether floating-point round-off breaks that symmetry on a given backend and dtype.
 *
 * <p>Everything here is plain Java on arrays the caller has already copied out of ND4J (in double), so a measure
 * does not depend on the backend whose round-off it is measuring.
 */
package dev.layerbench.study;
