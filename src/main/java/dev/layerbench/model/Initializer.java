package dev.layerbench.model;

import dev.layerbench.BadInputException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a parameter tensor gets its starting values.
 *
 * <p>Values are drawn in Java from a seeded {@link SplittableRandom}, not from ND4J's RNG: ND4J's random streams
 * differ between its CPU and CUDA builds, and the study compares backends from identical starting weights.
 * A weight matrix is {@code fanIn × fanOut}, filled row-major.
 *
 * <p>Text forms (the {@code --init} flag): {@code zero}, {@code constant:C}, {@code uniform:A} (U(−A, A)),
 * {@code normal:S} (N(0, S²)), {@code xavier} (Glorot uniform), {@code xavier-normal}, {@code he} (Kaiming
 * normal, for relu), {@code orthogonal}.
 */
public sealed interface Initializer {

    /** Fills {@code target} (length fanIn·fanOut, row-major). */
    void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng);

    /** The text form that {@link #parse} reads back. */
    String text();

    /** Whether the values depend on a layer's fan-in/out, which a bias vector does not have. */
    default boolean needsFans() {
        return false;
    }

    record Zero() implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            java.util.Arrays.fill(target, 0.0);
        }

        public String text() {
            return "zero";
        }
    }

    record Constant(double value) implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            java.util.Arrays.fill(target, value);
        }

        public String text() {
            return "constant:" + format(value);
        }
    }

    record Uniform(double limit) implements Initializer {
        public Uniform {
            requirePositive(limit, "uniform");
        }

        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            fillUniform(target, limit, rng);
        }

        public String text() {
            return "uniform:" + format(limit);
        }
    }

    record Normal(double std) implements Initializer {
        public Normal {
            requirePositive(std, "normal");
        }

        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            fillNormal(target, std, rng);
        }

        public String text() {
            return "normal:" + format(std);
        }
    }

    /** Glorot &amp; Bengio 2010: U(±√(6/(fanIn+fanOut))), variance kept equal forwards and backwards. */
    record XavierUniform() implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            fillUniform(target, Math.sqrt(6.0 / (fanIn + fanOut)), rng);
        }

        public String text() {
            return "xavier";
        }

        public boolean needsFans() {
            return true;
        }
    }

    record XavierNormal() implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            fillNormal(target, Math.sqrt(2.0 / (fanIn + fanOut)), rng);
        }

        public String text() {
            return "xavier-normal";
        }

        public boolean needsFans() {
            return true;
        }
    }

    /** He et al. 2015: N(0, 2/fanIn), which keeps relu activations' variance from shrinking layer to layer. */
    record He() implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            fillNormal(target, Math.sqrt(2.0 / fanIn), rng);
        }

        public String text() {
            return "he";
        }

        public boolean needsFans() {
            return true;
        }
    }

    /**
     * Saxe et al. 2014: the Q of a Gaussian matrix's QR decomposition, signs fixed by R's diagonal so the result
     * is uniformly distributed over orthogonal matrices. Commons Math does the QR in plain Java, which keeps it
     * identical on every backend.
     */
    record Orthogonal() implements Initializer {
        public void fill(double[] target, int fanIn, int fanOut, SplittableRandom rng) {
            int rows = Math.max(fanIn, fanOut);
            int cols = Math.min(fanIn, fanOut);
            double[][] gaussian = new double[rows][cols];
            for (double[] row : gaussian) {
                for (int j = 0; j < cols; j++) {
                    row[j] = gaussian(rng);
                }
            }
            QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(gaussian, false));
            RealMatrix q = qr.getQ();
            RealMatrix r = qr.getR();
            boolean tall = fanIn >= fanOut;
            for (int i = 0; i < fanIn; i++) {
                for (int j = 0; j < fanOut; j++) {
                    int row = tall ? i : j;
                    int col = tall ? j : i;
                    target[i * fanOut + j] = q.getEntry(row, col) * Math.signum(r.getEntry(col, col));
                }
            }
        }

        public String text() {
            return "orthogonal";
        }

        public boolean needsFans() {
            return true;
        }
    }

    static Initializer parse(String text, String flag) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        String arg = colon < 0 ? null : t.substring(colon + 1);
        Initializer init = switch (name) {
            case "zero" -> noArgument(new Zero(), arg, flag, text);
            case "constant" -> new Constant(number(arg, flag, text));
            case "uniform" -> new Uniform(number(arg, flag, text));
            case "normal" -> new Normal(number(arg, flag, text));
            case "xavier" -> noArgument(new XavierUniform(), arg, flag, text);
            case "xavier-normal" -> noArgument(new XavierNormal(), arg, flag, text);
            case "he" -> noArgument(new He(), arg, flag, text);
            case "orthogonal" -> noArgument(new Orthogonal(), arg, flag, text);
            default -> throw new BadInputException(flag + " must be zero, constant:C, uniform:A, normal:S, xavier, "
                    + "xavier-normal, he or orthogonal, got '" + text + "'");
        };
        return init;
    }

    private static Initializer noArgument(Initializer init, String arg, String flag, String text) {
        if (arg != null) {
            throw new BadInputException(flag + " '" + text + "' takes no value after ':'");
        }
        return init;
    }

    private static double number(String arg, String flag, String text) {
        if (arg == null || arg.isEmpty()) {
            throw new BadInputException(flag + " '" + text + "' needs a number after ':', e.g. constant:0.01");
        }
        try {
            double value = Double.parseDouble(arg);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadInputException(flag + " '" + text + "' has '" + arg + "' where a finite number belongs");
        }
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0)) {
            throw new BadInputException(name + " initialiser scale must be > 0, got " + format(value));
        }
    }

    private static void fillUniform(double[] target, double limit, SplittableRandom rng) {
        for (int i = 0; i < target.length; i++) {
            target[i] = rng.nextDouble(-limit, limit);
        }
    }

    private static void fillNormal(double[] target, double std, SplittableRandom rng) {
        for (int i = 0; i < target.length; i++) {
            target[i] = std * gaussian(rng);
        }
    }

    /** Box–Muller, because SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static String format(double value) {
        return String.format(Locale.US, "%s", value);
    }
}
