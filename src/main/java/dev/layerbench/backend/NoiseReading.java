package dev.layerbench.backend;

import java.util.List;

/**
 * What the machine was doing when a run started or ended — the conditions google-benchmark's context and JMH's
 * warnings call out, read where Linux exposes them: a number means little if another process held a core.
 *
 * @param when            "before" or "after"
 * @param loadAverage1m   /proc/loadavg's one-minute figure; NaN where unreadable
 * @param governor        the CPU frequency governor (cpu0), or null where the VM exposes none
 * @param boost           whether frequency boost is on, or null where unreadable
 * @param busiestOthers   the processes other than this run's using the most CPU, as "pid name %cpu"
 * @param gpuClocks       per GPU, nvidia-smi's SM clock, its maximum and active throttle reasons; empty without GPUs
 */
public record NoiseReading(String when, String at, double loadAverage1m, String governor, Boolean boost,
                           List<String> busiestOthers, List<String> gpuClocks) {
}
