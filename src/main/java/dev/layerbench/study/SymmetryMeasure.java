package dev.layerbench.study;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * How far the hidden units of one dense layer are from being identical copies of each other.
 *
 * <p>A layer with I inputs and H units has weights W (I×H, column j = unit j's incoming weights) and bias b (H
 * entries). Unit j is described by its vector u<sub>j</sub> = (W[0][j], …, W[I−1][j], b[j]): its incoming weights
 * <em>and</em> its bias, because two units compute the same function only when both agree — units with equal
 * weights but different biases are different units. Zero or constant initialisation makes every u<sub>j</sub>
 * equal; in exact arithmetic training keeps them equal (the network is one unit wide), and the question under
 * study is whether round-off breaks that.
 *
 * <p>All four numbers are invariant under scaling the whole layer, so a layer whose weights grow during training
 * is compared with itself fairly.
 *
 * @param relativeSpread max<sub>j</sub> ‖u<sub>j</sub> − u<sub>0</sub>‖ / max<sub>j</sub> ‖u<sub>j</sub>‖
 *                       (Euclidean norms): 0 when every unit equals unit 0 (perfectly symmetric, including the
 *                       all-zero layer and a layer of one unit), and of order 1 once the units have nothing in
 *                       common. Computed from the differences themselves, so it resolves asymmetries down to
 *                       double round-off (about 1e-16 relative) — the number to watch crossing 1e-6 and 1e-2.
 * @param distinctUnits  how many groups the units fall into when unit j joins the first earlier group whose
 *                       representative (its first unit) r has ‖u<sub>j</sub> − u<sub>r</sub>‖ ≤ tolerance ·
 *                       max<sub>k</sub> ‖u<sub>k</sub>‖, and starts a new group otherwise; 1 for a symmetric layer,
 *                       H when every unit is its own. Greedy in unit order, so a chain of near neighbours can group
 *                       differently in another order; for the clearly separated groups that matter here it cannot.
 * @param sigmaRatio     σ<sub>2</sub>/σ<sub>1</sub>, the two largest singular values of the (I+1)×H matrix
 *                       U = [u<sub>0</sub> … u<sub>H−1</sub>]: 0 when U has rank 1 (all units are multiples of one
 *                       vector), 1 when the two strongest directions are equally strong; 0 for one unit or an
 *                       all-zero layer. Resolution is limited, see {@link #of}.
 * @param entropyRank    Roy &amp; Vetterli's effective rank exp(−Σ p<sub>i</sub> ln p<sub>i</sub>) with
 *                       p<sub>i</sub> = σ<sub>i</sub> / Σσ: a real number between 1 (rank one) and H (all singular
 *                       values equal), saying how many units' worth of different directions the layer holds; 0 for
 *                       an all-zero layer.
 */
public record SymmetryMeasure(double relativeSpread, int distinctUnits, double sigmaRatio, double entropyRank) {

    /**
     * Eigenvalues of the Gram matrix below max(H, this)·ε·λ<sub>1</sub> are taken as 0. Measured on exactly
     * rank-one Gram matrices (785 inputs, H = 2…256), commons-math's eigensolver leaves the zero eigenvalues at up
     * to about 2ε·λ<sub>1</sub> for small H, 10ε·λ<sub>1</sub> at H = 64 and 30ε·λ<sub>1</sub> at H = 256; without
     * the cut a perfectly symmetric 784-input layer reports σ<sub>2</sub>/σ<sub>1</sub> between 1e-8 and 8e-8 of
     * pure solver noise and an effective rank up to 1.0000014 (H = 256), differing with the weight value. The floor keeps a margin over that noise for small layers.
     */
    private static final int EIGENVALUE_CUT_MIN_UNITS = 16;

    /**
     * Measures the layer with weights {@code weights} (I×H: row i = input i, column j = unit j) and bias
     * {@code bias} (H entries).
     *
     * <p>The singular values come from the eigenvalues λ of the H×H Gram matrix UᵀU (σ = √λ) rather than from
     * an SVD of U: for I = 784, H = 64 that is a few milliseconds instead of tens, which matters because the
     * measure is taken every few training steps. The price is resolution: an eigenvalue is only known to about
     * ε·λ<sub>1</sub> (ε = 2.2e-16), so σ<sub>i</sub> below about √(H·ε)·σ<sub>1</sub> — 6e-8·σ<sub>1</sub> for
     * H ≤ 16, 1.2e-7·σ<sub>1</sub> at H = 64, 2.4e-7·σ<sub>1</sub> at H = 256 — is indistinguishable from 0 and
     * is reported as 0 (eigenvalues below max(H, 16)·ε·λ<sub>1</sub> are cut). So {@code sigmaRatio} and
     * {@code entropyRank} see an asymmetry only once it is above about 1e-7 relative; {@code relativeSpread} and
     * {@code distinctUnits} are computed from the unit vectors directly and see far smaller ones.
     *
     * <p>The layer is first scaled by a power of two (exact) so that its largest entry lies in [1, 2); the
     * measures are scale-invariant, and this keeps sums of squares from overflowing or underflowing.
     *
     * @param weights   the incoming weights, I×H with I ≥ 1 and H ≥ 1, all finite
     * @param bias      the biases, H entries, all finite
     * @param tolerance the relative distance within which two units count as the same for
     *                  {@code distinctUnits}, e.g. 1e-6; finite and ≥ 0
     * @return the four measures
     * @throws IllegalArgumentException if {@code weights} is empty or ragged, {@code bias} does not have one
     *                                  entry per unit, a value is not finite, or {@code tolerance} is negative
     *                                  or not finite
     */
    public static SymmetryMeasure of(double[][] weights, double[] bias, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("The tolerance is " + tolerance
                    + "; it must be finite and at least 0 (a relative distance such as 1e-6).");
        }
        double[][] units = unitVectors(weights, bias);
        int h = units.length;
        double[] norms = new double[h];
        double maxNorm = 0;
        double maxDistanceToFirst = 0;
        for (int j = 0; j < h; j++) {
            norms[j] = l2Norm(units[j]);
            maxNorm = Math.max(maxNorm, norms[j]);
            maxDistanceToFirst = Math.max(maxDistanceToFirst, distance(units[j], units[0]));
        }
        double relativeSpread = maxNorm == 0 ? 0 : maxDistanceToFirst / maxNorm;
        int distinctUnits = countGroups(units, tolerance * maxNorm);

        double[] sigmas = singularValues(units);
        double sigmaSum = 0;
        for (double sigma : sigmas) {
            sigmaSum += sigma;
        }
        double sigmaRatio = h == 1 || sigmas[0] == 0 ? 0 : sigmas[1] / sigmas[0];
        double entropyRank = 0;
        if (sigmaSum > 0) {
            double entropy = 0;
            for (double sigma : sigmas) {
                if (sigma > 0) {
                    double p = sigma / sigmaSum;
                    entropy -= p * Math.log(p);
                }
            }
            entropyRank = Math.exp(entropy);
        }
        return new SymmetryMeasure(relativeSpread, distinctUnits, sigmaRatio, entropyRank);
    }

    /**
     * The Euclidean norm √(Σ v²), summed in order without rescaling.
     *
     * @param values the vector; its squares must neither overflow nor all underflow (here they lie in [0, 4))
     * @return the norm, 0 for an empty vector
     */
    public static double l2Norm(double[] values) {
        double sumOfSquares = 0;
        for (double v : values) {
            sumOfSquares += v * v;
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Validates the layer and returns its units as rows (H rows of I+1: the transposed weights, then the bias),
     * scaled exactly by a power of two so that the largest magnitude lies in [1, 2). Rows are what every later
     * loop walks, so they are contiguous in memory.
     */
    private static double[][] unitVectors(double[][] weights, double[] bias) {
        if (weights == null || bias == null) {
            throw new IllegalArgumentException("The weights and the bias must both be given.");
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException("The weights have no rows; a layer needs at least one input.");
        }
        int inputs = weights.length;
        if (weights[0] == null || weights[0].length == 0) {
            throw new IllegalArgumentException("Weight row 0 has no columns; a layer needs at least one unit.");
        }
        int h = weights[0].length;
        for (int i = 1; i < inputs; i++) {
            if (weights[i] == null || weights[i].length != h) {
                throw new IllegalArgumentException("Weight row " + i + " has "
                        + (weights[i] == null ? "no array" : weights[i].length + " columns") + " but row 0 has "
                        + h + "; the weights must be a rectangular I×H matrix (row = input, column = unit).");
            }
        }
        if (bias.length != h) {
            throw new IllegalArgumentException("The bias has " + bias.length + " entries but the weights have " + h
                    + " columns (units); there must be one bias per unit.");
        }
        double[][] units = new double[h][inputs + 1];
        double maxAbs = 0;
        for (int i = 0; i < inputs; i++) {
            double[] row = weights[i];
            for (int j = 0; j < h; j++) {
                double w = row[j];
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("Weight [" + i + "][" + j + "] is " + w
                            + "; the symmetry of a layer with non-finite weights is undefined.");
                }
                units[j][i] = w;
                maxAbs = Math.max(maxAbs, Math.abs(w));
            }
        }
        for (int j = 0; j < h; j++) {
            if (!Double.isFinite(bias[j])) {
                throw new IllegalArgumentException("Bias " + j + " is " + bias[j]
                        + "; the symmetry of a layer with non-finite biases is undefined.");
            }
            units[j][inputs] = bias[j];
            maxAbs = Math.max(maxAbs, Math.abs(bias[j]));
        }
        if (maxAbs > 0) {
            int shift = -Math.getExponent(maxAbs);
            if (shift != 0) {
                for (double[] unit : units) {
                    for (int k = 0; k < unit.length; k++) {
                        unit[k] = Math.scalb(unit[k], shift);
                    }
                }
            }
        }
        return units;
    }

    /** ‖a − b‖ from the differences themselves, so equal vectors give exactly 0 and small gaps keep their digits. */
    private static double distance(double[] a, double[] b) {
        double sumOfSquares = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            sumOfSquares += d * d;
        }
        return Math.sqrt(sumOfSquares);
    }

    private static int countGroups(double[][] units, double sameWithin) {
        int[] representatives = new int[units.length];
        int groups = 0;
        for (int j = 0; j < units.length; j++) {
            boolean joined = false;
            for (int g = 0; g < groups && !joined; g++) {
                joined = distance(units[j], units[representatives[g]]) <= sameWithin;
            }
            if (!joined) {
                representatives[groups++] = j;
            }
        }
        return groups;
    }

    /** σ<sub>1</sub> ≥ … ≥ σ<sub>H</sub> of U from the eigenvalues of its Gram matrix, sub-resolution ones as 0. */
    private static double[] singularValues(double[][] units) {
        int h = units.length;
        double[][] gram = new double[h][h];
        for (int a = 0; a < h; a++) {
            double[] ua = units[a];
            for (int b = a; b < h; b++) {
                double[] ub = units[b];
                double dot = 0;
                for (int k = 0; k < ua.length; k++) {
                    dot += ua[k] * ub[k];
                }
                gram[a][b] = dot;
                gram[b][a] = dot;
            }
        }
        double[] eigenvalues = h == 1
                ? new double[] {gram[0][0]}
                : new EigenDecomposition(new Array2DRowRealMatrix(gram, false)).getRealEigenvalues();
        Arrays.sort(eigenvalues);
        double largest = Math.max(eigenvalues[h - 1], 0);
        double cut = Math.max(h, EIGENVALUE_CUT_MIN_UNITS) * Math.ulp(1.0) * largest;
        double[] sigmas = new double[h];
        for (int i = 0; i < h; i++) {
            double lambda = eigenvalues[h - 1 - i];
            sigmas[i] = lambda > cut ? Math.sqrt(lambda) : 0;
        }
        return sigmas;
    }
}
