package dev.layerbench.bench;

import dev.layerbench.BadInputException;

/**
 * How a bench run measures each benchmark: JMH's warm-up and measurement iterations within a fork, and how many
 * forks a row gets. A fork is one fresh child JVM per round, backend, shape and thread count, in which JMH runs
 * that shape's benchmarks one after the other (JMH forks = 0 inside it): every row gets at least {@code forks}
 * of them, and a row whose 95% interval is still wider than {@code precisionTarget} of its median gets one more
 * round at a time, up to {@code maxForks}, while the run is within {@code extraForkSeconds}; a row that misses
 * the target even then is marked noisy.
 *
 * @param precisionTarget  the largest relative half-width of a row's 95% interval that is not noisy (0.05 = ±5%)
 * @param extraForkSeconds no round beyond {@code forks} starts once the run has taken this long (0: no limit), so a
 *                         preset keeps its promised duration on a noisy machine; the rows that missed the target
 *                         then say so
 */
public record Measurement(int warmupIterations, int warmupMillis, int iterations, int iterationMillis, int forks,
                          int maxForks, double precisionTarget, int extraForkSeconds) {

    public Measurement {
        check(warmupIterations >= 0, "--warmup-iterations must be 0 or more, got " + warmupIterations);
        check(warmupMillis >= 1, "warm-up iterations must last at least 1 ms, got " + warmupMillis);
        check(iterations >= 1, "--iterations must be at least 1, got " + iterations);
        check(iterationMillis >= 1, "--time must be at least 1 ms, got " + iterationMillis + " ms");
        check(forks >= 1, "--forks must be at least 1, got " + forks);
        check(maxForks >= forks, "the most forks (" + maxForks + ") must not be below --forks " + forks);
        check(extraForkSeconds >= 0, "the time for extra forks must not be negative, got " + extraForkSeconds);
    }

    /** These settings with the user's {@code --forks}, {@code --iterations}, {@code --time} where given. */
    public Measurement with(Integer forks, Integer iterations, Integer iterationMillis) {
        int f = forks == null ? this.forks : forks;
        return new Measurement(warmupIterations, warmupMillis, iterations == null ? this.iterations : iterations,
                iterationMillis == null ? this.iterationMillis : iterationMillis, f,
                forks == null ? maxForks : Math.max(f, maxForks), precisionTarget, extraForkSeconds);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }
}
