/**
 * Which compute backend runs, and on what: the backends a run can ask for ({@link dev.layerbench.backend.Backend}),
 * the one a JVM really loaded ({@link dev.layerbench.backend.LoadedBackend}), GPU preflight, and the environment
 * (machine, ND4J backend and native build, BLAS, GPUs, library versions, git commit) recorded with every result so
 * a number can be traced and re-run.
 */
package dev.layerbench.backend;
