package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.model.ThreadPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --threads N[,M…]|auto}: the thread budgets every implementation of a run is timed at — OpenBLAS/OpenMP
 * threads for ND4J, intra-op threads for PyTorch — so that a comparison always pairs equal counts. {@code auto}
 * is what the own layer's fitted policy uses ({@link ThreadPolicy#fittedThreads}: every core once the largest
 * product reaches {@link ThreadPolicy#PARALLEL_BLAS_MULTIPLY_ADDS} multiply-adds, two where its second lane shares
 * smaller products, else one), resolved per shape and given to PyTorch as well.
 *
 * @param counts the fixed counts asked for, in order; {@code auto} whether the fitted count is asked for too
 */
public record ThreadCounts(List<Integer> counts, boolean auto) {
    public static final String AUTO = "auto";

    /** 1 and the core count: one thread shows the arithmetic, all cores what the machine can do. */
    public static String defaultText() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores == 1 ? "1" : "1," + cores;
    }

    public static ThreadCounts parse(String text) {
        List<Integer> counts = new ArrayList<>();
        boolean auto = false;
        int cores = Runtime.getRuntime().availableProcessors();
        for (String part : Arrays.stream(text.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList()) {
            if (part.equals(AUTO)) {
                auto = true;
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new BadInputException("--threads takes counts and 'auto', e.g. 1," + cores + ", got '" + part
                        + "'");
            }
            if (n < 1 || n > 4 * cores) {
                throw new BadInputException("--threads must be between 1 and " + 4 * cores + " (4 × this machine's "
                        + cores + " cores), got " + n);
            }
            counts.add(n);
        }
        if (counts.isEmpty() && !auto) {
            throw new BadInputException("--threads needs at least one count or 'auto', got '" + text + "'");
        }
        return new ThreadCounts(List.copyOf(new LinkedHashSet<>(counts)), auto);
    }

    /** The distinct counts a shape is timed at: the fixed ones, then auto's where it adds one. */
    public List<Integer> at(BenchmarkShape shape) {
        Set<Integer> at = new LinkedHashSet<>(counts);
        if (auto) {
            at.add(ThreadPolicy.fittedThreads(shape.spec(), shape.batch()));
        }
        return List.copyOf(at);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(counts.stream().map(String::valueOf).toList());
        if (auto) {
            parts.add(AUTO);
        }
        return String.join(",", parts);
    }
}
