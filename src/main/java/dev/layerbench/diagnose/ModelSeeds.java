package dev.layerbench.diagnose;

import dev.layerbench.train.RunSeeds;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeds one repeat of the model-based checks draws from: the model's initialisation and batch order, the
 * labels flipped for the label-noise curve, the rows kept for the learning curve and the sample of a large
 * training set. Those three are drawn from seeds derived from {@code shuffle}, so that they are independent of it.
 */
record ModelSeeds(long init, long shuffle, long noise, long subset, long sample) {
    /** {@code count} repeats; the first uses {@code seeds} itself, the others the seeds of --seed + 1, + 2… */
    static List<ModelSeeds> repeats(RunSeeds seeds, int count) {
        return RunSeeds.repeats(seeds.master(), count).stream().map(r -> {
            SplittableRandom derived = new SplittableRandom(r.shuffle());
            return new ModelSeeds(r.init(), r.shuffle(), derived.nextLong(), derived.nextLong(), derived.nextLong());
        }).toList();
    }
}
