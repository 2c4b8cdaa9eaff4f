package dev.layerbench.results;

/**
 * One line of {@code curves.csv}: an epoch's metrics ({@code kind = "epoch"}) or a traced step's symmetry and
 * gradient norms ({@code kind = "step"}); what a kind does not measure is NaN. The first seven fields name the run
 * ({@code seed} as in {@link StudyRow#seed()}).
 */
public record CurvePoint(String scenario, String init, int hidden, String activation, String dtype, String backend,
                         long seed, String kind, int epoch, int step, double trainLoss, double testLoss,
                         double trainAccuracy,                         double testAccuracy, double balancedAccuracy, double macroF1, double rocAuc,
                         double majorityBaseline, double spread, int distinctUnits, double sigmaRatio,
                         double entropyRank, double gradNormW1, double gradNormB1, double gradNormW2,
                         double gradNormB2) {
}
