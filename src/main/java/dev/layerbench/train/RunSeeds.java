package dev.layerbench.train;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The independent seeds one {@code --seed} expands into. Handing the same number to the data generator, the
 * initialiser and the shuffler would make their random streams start identically — correlated, not random.
 */
public record RunSeeds(long master, long data, long init, long shuffle) {
    public static RunSeeds from(long master) {
        SplittableRandom rng = new SplittableRandom(master);
        return new RunSeeds(master, rng.nextLong(), rng.nextLong(), rng.nextLong());
    }

    /**
     * The seeds of {@code count} repeated runs: the i-th expands {@code master + i}, so the first repeat is the run
     * {@code --seed master} alone would make, and any repeat is re-run with {@code --seed} and the master it
     * records. Consecutive masters give unrelated streams: SplittableRandom mixes its seed before use.
     */
    public static List<RunSeeds> repeats(long master, int count) {
        return LongStream.range(0, count).mapToObj(i -> from(master + i)).toList();
    }
}
