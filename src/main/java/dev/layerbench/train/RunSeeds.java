package dev.layerbench.train;

import java.util.SplittableRandom;

/**
 * The independent seeds one {@code --seed} expands into. Handing the same number to the data generator, the
 * initialiser and the shuffler would make their random streams start identically — correlated, not random.
 */
public record RunSeeds(long master, long data, long init, long shuffle) {
    public static RunSeeds from(long master) {
        SplittableRandom rng = new SplittableRandom(master);
        return new RunSeeds(master, rng.nextLong(), rng.nextLong(), rng.nextLong());
    }
}
