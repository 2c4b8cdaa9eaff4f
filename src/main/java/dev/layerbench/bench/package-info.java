/**
 * {@code layerbench bench}: the plan of JMH runs (backends × implementations × operations × shapes, presets),
 * the child JVM per backend that measures them and journals each row, backend availability, and the twins the
 * own network is timed against — DL4J's layers and the same dense network on PyTorch (libtorch through DJL),
 * written out op by op so both sides compute the same thing — and the agreement pass that checks, once per backend
 * and run, that what is timed computes what a float64 reference computes. The benchmark classes themselves live in
 * {@code benchmarks/}.
 */
package dev.layerbench.bench;
