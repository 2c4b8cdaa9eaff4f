package dev.layerbench.bench;

/**
 * What {@code doctor} found for one backend.
 *
 * @param runs   whether a JVM started for it loaded it (false: see detail)
 * @param device what actually ran, as the backend described itself ("ND4J CpuBackend, native build …")
 * @param detail the native library loaded, or why it cannot run and what to do
 */
public record BackendReport(String backend, boolean runs, String device, String detail) {
}
