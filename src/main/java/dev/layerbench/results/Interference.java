package dev.layerbench.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Which samples the machine, not the code, decided — and are set aside.
 *
 * <p>On a small VM the hypervisor's steal and other processes' CPU move a timing far more than anything measured:
 * here a fork whose steal rose to 20–36% of the cores ran 2–10× slower than its neighbours, and with other
 * processes busy a 2-thread GEMM on 2 cores ran 8× slower. Each sample comes with both readings, taken by the
 * child around exactly that iteration ({@code CpuShares}); its <em>interference</em> is the steal plus the part of
 * other processes' CPU that did not fit in the cores the benchmark left idle (a 1-thread benchmark on 2 cores
 * leaves one). A sample whose interference exceeds {@link #SET_ASIDE_ABOVE_PERCENT} of the cores is set aside:
 * kept in the raw samples with its reading, left out of the median, the interval and every test. The rule reads
 * the machine, never the timing, so it cannot pick the fast samples; a row with fewer than two samples left keeps
 * them all and says so.
 */
public final class Interference {
    /**
     * % of all cores: here steal stayed at or under 10% through a whole undisturbed quick run (reference run A,
     * at most 9.8%), while the forks that ran 2–10× slow showed 15–36%.
     */
    public static final double SET_ASIDE_ABOVE_PERCENT = 15;

    private Interference() {
    }

    /**
     * Steal plus other processes' CPU beyond the benchmark's idle cores, in % of all cores; NaN where either was
     * unread.
     */
    public static double percent(double stealPercent, double othersPercent, int threads, int cores) {
        double idleCores = 100.0 * Math.max(0, cores - threads) / cores;
        return stealPercent + Math.max(0, othersPercent - idleCores);
    }

    /** Whether a sample with this interference is set aside; an unread reading (NaN) never is. */
    public static boolean setAside(double interferencePercent) {
        return interferencePercent > SET_ASIDE_ABOVE_PERCENT;
    }

    /**
     * The samples the statistics use, by fork: those not set aside, or every sample if fewer than two would be
     * left. {@code interferenceByFork} may be null (results older than the readings): then every sample.
     */
    public static List<List<Double>> kept(List<List<Double>> usByFork, List<List<Double>> interferenceByFork) {
        if (interferenceByFork == null) {
            return usByFork;
        }
        List<List<Double>> kept = new ArrayList<>();
        int left = 0;
        for (int f = 0; f < usByFork.size(); f++) {
            List<Double> fork = new ArrayList<>();
            for (int i = 0; i < usByFork.get(f).size(); i++) {
                if (!setAside(interferenceByFork.get(f).get(i))) {
                    fork.add(usByFork.get(f).get(i));
                }
            }
            left += fork.size();
            kept.add(List.copyOf(fork));
        }
        return left < 2 ? usByFork : kept;
    }

    /** How many samples {@link #kept} leaves out. */
    public static int setAsideCount(List<List<Double>> usByFork, List<List<Double>> interferenceByFork) {
        int all = usByFork.stream().mapToInt(List::size).sum();
        return all - kept(usByFork, interferenceByFork).stream().mapToInt(List::size).sum();
    }
}
