package dev.layerbench.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One forward and backward pass of a {@link Network}, computed in plain Java float64: textbook loops, no BLAS, no
 * ND4J op, no backend at all.
 *
 * <p>Why: it is the yardstick for a backend under suspicion, a GPU's float32 above all. A reference computed with
 * ND4J would run on the very backend being checked once ND4J's CUDA backend is loaded, and one computed with
 * libtorch would load a second CUDA runtime into that JVM. Loops over doubles depend on nothing being checked.
 *
 * <p>It computes what {@link Network#computeGradients} computes: the logits, the loss averaged over the batch
 * (softmax cross-entropy or sigmoid binary cross-entropy), the output gradient {@code (p − y) / B}, and per layer
 * {@code dW = Aᵀ·dZ} and {@code db} the column sums of {@code dZ}, with {@code dZ = f'(Z) ⊙ (dZ_above·W_aboveᵀ)}
 * below the output and relu'(0) = 0 as in ND4J. Cost: about four multiply-adds per weight and example, so keep the
 * shapes small (a 512×1024→512→256 step takes about a second).
 */
public final class ReferenceStep {
    private ReferenceStep() {
    }

    /**
     * The step's outputs, each flat and row-major, in this order: "logits" (B×O), "loss" (one value), then per layer
     * from the input up "dW1", "db1" (and "dW2", "db2"). The network's parameters, {@code inputs} (B×I) and
     * {@code targets} (as {@link Loss#targets} lays them out) are read, widened to double, and left as they are.
     */
    public static Map<String, double[]> of(Network network, INDArray inputs, INDArray targets) {
        return of(network, weights(network), biases(network), inputs.toDoubleMatrix(), targets.toDoubleMatrix());
    }

    /** The same from parameters, inputs and targets already in double; {@code network} gives the rest. */
    private static Map<String, double[]> of(Network network, double[][][] weights, double[][] biases, double[][] x,
                                            double[][] y) {
        List<DenseLayer> layers = network.layers();
        int n = layers.size();
        // activations[i] is the input to layer i; activations[n] the logits
        double[][][] activations = new double[n + 1][][];
        activations[0] = x;
        for (int i = 0; i < n; i++) {
            double[][] z = times(activations[i], weights[i]);
            for (double[] row : z) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += biases[i][j];
                }
            }
            activations[i + 1] = i + 1 == n ? z : activate(layers.get(i).activation(), z);
        }
        double[][] logits = activations[n];
        int batch = logits.length;
        double[][] dz = new double[batch][];
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            dz[r] = new double[logits[r].length];
            if (network.spec().loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                double logSumExp = Loss.logSumExp(logits[r]);
                for (int j = 0; j < logits[r].length; j++) {
                    loss += y[r][j] * (logSumExp - logits[r][j]);
                    dz[r][j] = (Math.exp(logits[r][j] - logSumExp) - y[r][j]) / batch;
                }
            } else {
                double v = logits[r][0];
                loss += Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))) - y[r][0] * v;
                dz[r][0] = (1 / (1 + Math.exp(-v)) - y[r][0]) / batch;
            }
        }

        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("logits", flat(logits));
        out.put("loss", new double[]{loss / batch});
        double[][] weightGradients = new double[n][];
        double[][] biasGradients = new double[n][];
        for (int i = n - 1; i >= 0; i--) {
            weightGradients[i] = flat(transposeTimes(activations[i], dz));
            biasGradients[i] = columnSums(dz);
            if (i > 0) {
                dz = timesDerivative(layers.get(i - 1).activation(), activations[i], timesTransposed(dz, weights[i]));
            }
        }
        for (int i = 0; i < n; i++) {
            out.put("dW" + (i + 1), weightGradients[i]);
            out.put("db" + (i + 1), biasGradients[i]);
        }
        return out;
    }

    /**
     * The parameters {@code start} reaches after {@code steps} plain SGD steps ({@code θ −= lr·∇θ}) on one batch,
     * computed here in float64 from {@code start}'s parameters widened to double: the yardstick of a backend's
     * training drift. Each gradient is {@link #of}'s, the update a Java loop over doubles. The arrays are named
     * "W1", "b1" (and "W2", "b2"), each flat and row-major; {@code start} is read, never changed.
     */
    public static Map<String, double[]> afterSgd(Network start, INDArray inputs, INDArray targets,
                                                 double learningRate, int steps) {
        double[][][] weights = weights(start);
        double[][] biases = biases(start);
        double[][] x = inputs.toDoubleMatrix();
        double[][] y = targets.toDoubleMatrix();
        for (int step = 0; step < steps; step++) {
            Map<String, double[]> gradients = of(start, weights, biases, x, y);
            for (int i = 0; i < weights.length; i++) {
                double[] dw = gradients.get("dW" + (i + 1));
                int columns = weights[i][0].length;
                for (int r = 0; r < weights[i].length; r++) {
                    for (int j = 0; j < columns; j++) {
                        weights[i][r][j] -= learningRate * dw[r * columns + j];
                    }
                }
                double[] db = gradients.get("db" + (i + 1));
                for (int j = 0; j < biases[i].length; j++) {
                    biases[i][j] -= learningRate * db[j];
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i++) {
            out.put("W" + (i + 1), flat(weights[i]));
            out.put("b" + (i + 1), biases[i]);
        }
        return out;
    }

    private static double[][][] weights(Network network) {
        return network.layers().stream().map(layer -> layer.weights().toDoubleMatrix()).toArray(double[][][]::new);
    }

    private static double[][] biases(Network network) {
        return network.layers().stream().map(layer -> layer.bias().toDoubleVector()).toArray(double[][]::new);
    }

    /**
     * How far {@code actual} is from {@code expected}, array by array (the same names, the same lengths).
     *
     * @param relative    the largest over the arrays of max|actual − expected| / max|expected|: the error
     *                    against the array's own scale. Element by element, relative error means nothing where
     *                    a value is near zero, which gradients often are.
     * @param absolute    the largest max|actual − expected| over the arrays
     * @param worstArray  the name of the array with the largest relative error
     */
    public record Difference(double relative, double absolute, String worstArray) {
        public static Difference of(Map<String, double[]> expected, Map<String, double[]> actual) {
            if (!expected.keySet().equals(actual.keySet())) {
                throw new IllegalArgumentException("compared arrays differ: " + expected.keySet() + " against "
                        + actual.keySet());
            }
            double relative = 0;
            double absolute = 0;
            String worst = expected.keySet().iterator().next();
            for (Map.Entry<String, double[]> e : expected.entrySet()) {
                double[] want = e.getValue();
                double[] got = actual.get(e.getKey());
                if (want.length != got.length) {
                    throw new IllegalArgumentException(e.getKey() + " has " + got.length + " values, expected "
                            + want.length);
                }
                double scale = 0;
                double error = 0;
                for (int i = 0; i < want.length; i++) {
                    scale = Math.max(scale, Math.abs(want[i]));
                    // NaN compares false everywhere, so it would pass any limit: make it the largest error there is
                    double d = Math.abs(got[i] - want[i]);
                    error = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(error, d);
                }
                // a NaN on either side made the error infinite, whatever the scale became
                double arrayRelative = error == 0 ? 0 : Double.isInfinite(error) ? error : error / scale;
                if (arrayRelative > relative) {
                    relative = arrayRelative;
                    worst = e.getKey();
                }
                absolute = Math.max(absolute, error);
            }
            return new Difference(relative, absolute, worst);
        }

        @Override
        public String toString() {
            return String.format(Locale.US, "max relative error %.2e (in %s), max absolute error %.2e", relative,
                    worstArray, absolute);
        }
    }

    private static double[][] activate(Activation activation, double[][] z) {
        double[][] a = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            a[r] = new double[z[r].length];
            for (int j = 0; j < z[r].length; j++) {
                double v = z[r][j];
                a[r][j] = switch (activation) {
                    case IDENTITY -> v;
                    case SIGMOID -> 1 / (1 + Math.exp(-v));
                    case TANH -> Math.tanh(v);
                    case RELU -> Math.max(v, 0);
                };
            }
        }
        return a;
    }

    /** {@code f'(Z) ⊙ dA} from A = f(Z): σ' = A(1 − A), tanh' = 1 − A², relu' = [A > 0]. */
    private static double[][] timesDerivative(Activation activation, double[][] a, double[][] da) {
        double[][] dz = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            dz[r] = new double[a[r].length];
            for (int j = 0; j < a[r].length; j++) {
                double v = a[r][j];
                double slope = switch (activation) {
                    case IDENTITY -> 1;
                    case SIGMOID -> v * (1 - v);
                    case TANH -> 1 - v * v;
                    case RELU -> v > 0 ? 1 : 0;
                };
                dz[r][j] = slope * da[r][j];
            }
        }
        return dz;
    }

    /** a·b, with the inner loop running along rows of b. */
    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < b.length; k++) {
                double v = a[r][k];
                double[] row = b[k];
                for (int j = 0; j < row.length; j++) {
                    c[r][j] += v * row[j];
                }
            }
        }
        return c;
    }

    /** aᵀ·b. */
    private static double[][] transposeTimes(double[][] a, double[][] b) {
        double[][] c = new double[a[0].length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < a[r].length; i++) {
                double v = a[r][i];
                for (int j = 0; j < b[r].length; j++) {
                    c[i][j] += v * b[r][j];
                }
            }
        }
        return c;
    }

    /** a·bᵀ. */
    private static double[][] timesTransposed(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b.length];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < b.length; i++) {
                double sum = 0;
                for (int j = 0; j < a[r].length; j++) {
                    sum += a[r][j] * b[i][j];
                }
                c[r][i] = sum;
            }
        }
        return c;
    }

    private static double[] columnSums(double[][] a) {
        double[] sums = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                sums[j] += row[j];
            }
        }
        return sums;
    }

    private static double[] flat(double[][] a) {
        int columns = a[0].length;
        double[] out = new double[a.length * columns];
        for (int r = 0; r < a.length; r++) {
            System.arraycopy(a[r], 0, out, r * columns, columns);
        }
        return out;
    }
}
