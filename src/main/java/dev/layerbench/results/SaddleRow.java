package dev.layerbench.results;

/**
 * One run of the saddle measurement: how many SGD updates a network started at (or near) all-zero weights needs
 * before its test accuracy leaves the majority share, and before it reaches the level softmax regression reaches
 * on the same data. A row without a hidden layer ({@code hidden = 0}, activation "-") is that softmax regression
 * itself. {@code backend} is the ND4J native build that actually ran it.
 *
 * @param initKind          {@code zero}, {@code uniform} (weights U(−scale, scale)) or {@code constant} (all = scale)
 * @param initScale         the scale; 0 for {@code zero}
 * @param init              the initialiser's text form, as {@code --init} reads it
 * @param stepBudget        updates trained: the run stops there whether or not it escaped
 * @param evalEverySteps    test accuracy was evaluated after every this many updates (and after each epoch)
 * @param testRows          size of the test set the accuracies are counted on
 * @param majorityShare     test share of the most frequent class: the accuracy of a constant prediction
 * @param leaveAccuracy     test accuracy that counts as having left the majority share (see the study's rule)
 * @param linearLevel       final test accuracy of softmax regression trained from zero the same way, same dtype
 * @param levelAccuracy     majority share + 90% of (linear level − majority share)
 * @param stepsToLeave      first evaluated step (updates applied) with test accuracy ≥ leaveAccuracy; -1: never
 *                          within the budget
 * @param stepsToLevel      first evaluated step with test accuracy ≥ levelAccuracy; -1: never within the budget
 * @param finalTestAccuracy test accuracy after the last update; NaN if the run diverged
 */
public record SaddleRow(String scenario, int hidden, String activation, String dtype, String initKind,
                        double initScale, String init, String backend, int stepBudget, int evalEverySteps,
                        int testRows, double majorityShare, double leaveAccuracy, double linearLevel,
                        double levelAccuracy, int stepsToLeave, int stepsToLevel, double finalTestAccuracy) {

    /** What a row layerbench wrote would have and this one lacks, or null: rows are read back from disk. */
    public String lacks() {
        return scenario == null || activation == null || dtype == null || initKind == null || init == null
                || backend == null ? "a row's scenario, activation, dtype, init or backend" : null;
    }
}
