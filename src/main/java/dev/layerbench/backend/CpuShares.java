package dev.layerbench.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's CPU time went between two readings, as shares of all its cores: to the hypervisor
 * ({@code steal} — another guest ran on our virtual CPUs) and to processes other than this one. On a small VM
 * these two decide a timing more than anything in the code measured: here a fork whose steal rose from 3–13% to
 * 15–36% ran 2–10× slower, while the process's own code and data were the same (benchmarks/NOTES.md §8).
 *
 * <p>Read from /proc/stat's aggregate "cpu" line (user nice system idle iowait irq softirq steal, in clock ticks)
 * and this process's utime + stime from /proc/self/stat; {@code NaN} where Linux does not expose them.
 */
public final class CpuShares {
    private final long total;
    private final long busy;
    private final long steal;
    private final long self;

    private CpuShares(long total, long busy, long steal, long self) {
        this.total = total;
        this.busy = busy;
        this.steal = steal;
        this.self = self;
    }

    /** The counters now; all −1 where unreadable. */
    public static CpuShares now() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 9) {
                return unreadable();
            }
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long steal = Long.parseLong(f[8]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the parenthesised name: utime is field 14, stime 15
            String[] p = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long self = Long.parseLong(p[11]) + Long.parseLong(p[12]);
            return new CpuShares(user + system + idle + steal, user + system, steal, self);
        } catch (IOException | RuntimeException e) {
            return unreadable();
        }
    }

    private static CpuShares unreadable() {
        return new CpuShares(-1, -1, -1, -1);
    }

    /** Percent of all cores' time since {@code earlier} that the hypervisor gave to someone else. */
    public double stealPercentSince(CpuShares earlier) {
        long elapsed = total - earlier.total;
        return total < 0 || earlier.total < 0 || elapsed <= 0 ? Double.NaN : 100.0 * (steal - earlier.steal) / elapsed;
    }

    /** Percent of all cores' time since {@code earlier} that other processes of this machine used. */
    public double othersPercentSince(CpuShares earlier) {
        long elapsed = total - earlier.total;
        if (total < 0 || earlier.total < 0 || elapsed <= 0) {
            return Double.NaN;
        }
        return Math.max(0, 100.0 * ((busy - earlier.busy) - (self - earlier.self)) / elapsed);
    }
}
