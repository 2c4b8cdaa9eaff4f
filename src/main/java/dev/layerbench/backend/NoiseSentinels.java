package dev.layerbench.backend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads what threatens a timing — another process on the cores, a frequency governor or boost that moves the
 * clock, a throttled GPU — before and after a run ({@link NoiseReading}), and turns what it read into warnings
 * shown above the tables. Each reading is best effort: a VM that exposes no governor reads as unknown, not as
 * fine.
 */
public final class NoiseSentinels {
    /** A process using more than this share of one core while the run starts is named in a warning. */
    static final double BUSY_PERCENT = 10;
    /** Above this one-minute load average before the run, something else was running. */
    static final double BUSY_LOAD = 0.5;
    private static final long WINDOW_MILLIS = 500;

    private NoiseSentinels() {
    }

    /** Reads the machine now; takes about half a second to see which processes use the CPU. */
    public static NoiseReading read(String when) {
        return new NoiseReading(when, Instant.now().toString(), loadAverage(), firstLine(
                Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")), boost(), busiestOthers(),
                NvidiaSmi.clocks());
    }

    /** What a reader should know about the readings, each once. */
    public static List<String> warnings(List<NoiseReading> readings) {
        List<String> warnings = new ArrayList<>();
        for (NoiseReading r : readings) {
            if (r.when().equals("before") && r.loadAverage1m() > BUSY_LOAD) {
                warnings.add(String.format(Locale.US, "load average %.2f before the run: the machine was not idle",
                        r.loadAverage1m()));
            }
            for (String process : r.busiestOthers()) {
                warnings.add("busy " + r.when() + " the run: " + process);
            }
            if (r.governor() != null && !r.governor().equals("performance")) {
                warnings.add("CPU frequency governor '" + r.governor() + "': clocks may change during the run");
            }
            if (Boolean.TRUE.equals(r.boost())) {
                warnings.add("CPU frequency boost is on: clocks follow temperature and load");
            }
            for (String gpu : r.gpuClocks()) {
                if (!gpu.endsWith("throttle reasons 0x0000000000000000")) {
                    warnings.add("GPU " + gpu);
                }
            }
        }
        return warnings.stream().distinct().toList();
    }

    private static double loadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"));
        try {
            return line == null ? Double.NaN : Double.parseDouble(line.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Boolean boost() {
        String cpufreq = firstLine(Path.of("/sys/devices/system/cpu/cpufreq/boost"));
        if (cpufreq != null) {
            return cpufreq.equals("1");
        }
        String noTurbo = firstLine(Path.of("/sys/devices/system/cpu/intel_pstate/no_turbo"));
        return noTurbo == null ? null : noTurbo.equals("0");
    }

    /**
     * Processes other than this one and its children that used more than {@link #BUSY_PERCENT} of a core over a
     * short window, busiest first, as "pid name 12%". /proc/PID/stat's utime + stime, read twice.
     */
    static List<String> busiestOthers() {
        Set<Long> ours = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        ours.add(ProcessHandle.current().pid());
        ProcessHandle.current().parent().ifPresent(p -> ours.add(p.pid()));
        Map<Long, Long> before = cpuTicks();
        try {
            Thread.sleep(WINDOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        Map<Long, Long> after = cpuTicks();
        double ticksPerSecond = 100; // USER_HZ, 100 on every Linux the JVM runs on
        List<String> busy = new ArrayList<>();
        after.entrySet().stream().filter(e -> !ours.contains(e.getKey()) && before.containsKey(e.getKey()))
                .map(e -> Map.entry(e.getKey(), 100.0 * (e.getValue() - before.get(e.getKey()))
                        / ticksPerSecond / (WINDOW_MILLIS / 1000.0)))
                .filter(e -> e.getValue() > BUSY_PERCENT)
                .sorted(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder())).limit(3)
                .forEach(e -> busy.add(String.format(Locale.US, "%d %s %.0f%%", e.getKey(), name(e.getKey()),
                        e.getValue())));
        return busy;
    }

    /** utime + stime of every process, by pid. */
    private static Map<Long, Long> cpuTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat = firstLine(process.resolve("stat"));
                if (stat == null || stat.lastIndexOf(')') < 0) {
                    continue;
                }
                // fields after the parenthesised name: state is field 3, utime 14, stime 15
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (f.length > 12) {
                    ticks.put(Long.parseLong(process.getFileName().toString()),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return ticks;
        }
        return ticks;
    }

    private static String name(long pid) {
        String comm = firstLine(Path.of("/proc", Long.toString(pid), "comm"));
        return comm == null ? "?" : comm;
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
