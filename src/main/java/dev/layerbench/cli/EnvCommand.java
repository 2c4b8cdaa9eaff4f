package dev.layerbench.cli;

import dev.layerbench.backend.Environment;
import dev.layerbench.backend.EnvironmentProbe;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.results.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code layerbench env}: the environment every result records, for a look before measuring. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Show the backend ND4J initialised, BLAS, CPU, memory, GPUs and library versions.")
final class EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--json", description = "Print JSON, as recorded in result files.")
    boolean json;

    @Override
    public Integer call() {
        Environment env = EnvironmentProbe.capture();
        command.commandLine().getOut().print(json ? Json.write(env) : text(env));
        command.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    static String text(Environment env) {
        StringBuilder out = new StringBuilder();
        line(out, "layerbench", env.layerbenchVersion() + " (commit " + env.gitCommit() + ")");
        line(out, "host", env.hostName());
        line(out, "ND4J backend", env.nd4jBackend() + " (native build " + env.nd4jNativeBuild() + ")");
        line(out, "BLAS", env.blasVendor() + ", " + env.blasThreads() + " threads; OpenMP " + env.ompThreads()
                + " threads");
        line(out, "products", String.valueOf(env.products()));
        line(out, "element-wise ops", String.valueOf(env.elementwise()));
        line(out, "native environment", env.threadEnvironment().isEmpty() ? "(none set)"
                : env.threadEnvironment().toString());
        line(out, "CPU", env.cpuModel() + ", " + env.logicalCores() + " logical cores");
        line(out, "ISA flags", String.join(" ", env.isaFlags()));
        line(out, "memory", String.format(Locale.US, "%.1f GiB", env.memoryBytes() / (1024.0 * 1024 * 1024)));
        line(out, "OS", env.os());
        line(out, "JVM", env.jvm());
        if (env.gpus().isEmpty()) {
            line(out, "GPUs", "none found (nvidia-smi absent or lists none)");
        }
        for (GpuInfo gpu : env.gpus()) {
            line(out, "GPU", String.format(Locale.US, "%s, compute capability %s, %d MiB, driver %s (CUDA %s)",
                    gpu.name(), gpu.computeCapability(), gpu.memoryMiB(), gpu.driverVersion(), gpu.cudaVersion()));
        }
        for (Map.Entry<String, String> library : env.libraries().entrySet()) {
            line(out, library.getKey(), library.getValue());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.US, "%-22s %s%n", name, value));
    }
}
