package dev.layerbench.results;

/**
 * One run of the study with its verdict. Symmetry columns are NaN (empty in CSV) and steps -1 without a hidden
 * layer; {@code backend} is the ND4J native build that actually ran it.
 *
 * @param seed                  the master seed this run expanded into its data, init and shuffle seeds
 *                              ({@code train/RunSeeds}); a study repeats each cell of its grid once per seed.
 *                              Files written before it existed read as 0: they ran one seed per cell.
 * @param initialSpread         relative spread of the hidden units before the first update (0: identical)
 * @param stepSpreadAbove1e6    first traced step whose spread exceeded 1e-6, -1 if never
 * @param stepSpreadAbove1e2    first traced step whose spread exceeded 1e-2, -1 if never
 * @param scale                 how the features were scaled ({@code --scale}'s names: standard, unit, none)
 */
public record StudyRow(String scenario, String init, int hidden, String activation, String dtype, String backend,
                       long seed, double trainAccuracy, double testAccuracy, double balancedAccuracy,
                       double macroF1, double rocAuc, double majorityBaseline, double finalSpread, int distinctUnits,
                       Verdict verdict, double initialSpread, int stepSpreadAbove1e6, int stepSpreadAbove1e2,
                       double sigmaRatio, double entropyRank, int epochs, int steps, double seconds,
                       String scale) {
}
