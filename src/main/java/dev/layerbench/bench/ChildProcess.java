package dev.layerbench.bench;

import dev.layerbench.BadInputException;
import dev.layerbench.RunStoppedException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Engine;
import dev.layerbench.model.Elementwise;
import dev.layerbench.model.ThreadPolicy;
import dev.layerbench.results.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts a JVM that works on one backend — same java, same class path plus that backend's native jar, the
 * JavaCPP extension that selects it — runs one of layerbench's hidden subcommands in it, and reads its progress
 * lines while it runs.
 */
public final class ChildProcess {
    private ChildProcess() {
    }

    /** A JVM ended by a signal it handles (by running its shutdown hooks) exits 128 + the signal's number. */
    private static final int SIGNALLED = 128;
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    /** Each line a child prints that starts with this is progress; the rest goes to its log. */
    public static final String PROGRESS = "progress ";

    /** What a child's temporary folder is named from: the only kind of folder {@link #abandon} removes. */
    public static final String FOLDER_PREFIX = "layerbench-child-";

    /** The folders of the children running now, for {@link #removeFoldersOfStoppedChildren}. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    /** The option that names the input file, for a child given one. */
    public static final String INPUT_OPTION = "--input";

    /**
     * Runs {@code layerbench <arguments> --report FILE} in a JVM that loads {@code backend}, handing each progress
     * line to {@code progress}, and returns the report it wrote. The child's files — its report, its log and any
     * scratch file it makes beside them — live in a fresh temporary folder, removed when the child succeeds, stops
     * on a signal or rejects its input (the error carries what the log said), and kept when it fails otherwise:
     * the error names the log. A child whose parent dies removes the folder itself ({@link #abandon}).
     *
     * @param threads PyTorch's intra-op threads, fixed when libtorch starts (ND4J's are set per benchmark)
     */
    public static <T> T run(Backend backend, Path natives, int threads, List<String> arguments,
                            Class<T> reportType, Consumer<String> progress) {
        return run(backend, natives, threads, arguments, null, reportType, progress);
    }

    /**
     * As {@link #run(Backend, Path, int, List, Class, Consumer)}, with {@code input} written as JSON into the
     * child's folder and named by {@value #INPUT_OPTION}: a parent killed before the child ends leaves no input
     * file behind, since the child removes its folder.
     */
    public static <T> T run(Backend backend, Path natives, int threads, List<String> arguments, Object input,
                            Class<T> reportType, Consumer<String> progress) {
        Path work;
        try {
            work = Files.createTempDirectory(FOLDER_PREFIX + backend.label() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path report = work.resolve(backend.label() + ".json");
        Path log = work.resolve(backend.label() + ".log");
        List<String> withFiles = new ArrayList<>(arguments);
        withFiles.addAll(List.of("--report", report.toString()));
        T result;
        RUNNING.add(work);
        try {
            if (input != null) {
                Path inputFile = work.resolve("input.json");
                Files.writeString(inputFile, Json.write(input));
                withFiles.addAll(List.of(INPUT_OPTION, inputFile.toString()));
            }
            result = run(command(backend, natives, threads, withFiles), backend, report, reportType, log, progress);
        } catch (BadInputException | RunStoppedException e) {
            removeFolder(work);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            RUNNING.remove(work);
        }
        removeFolder(work);
        return result;
    }

    /**
     * The parent's side of a stop by signal, once its children have ended (the resume hint's shutdown hook stops
     * them and waits): removes the folders of the children that were running. The threads that ran them would
     * remove them too, but the JVM may halt before they get there — a SIGTERM'd bench left one folder in a test
     * run now and then.
     */
    public static void removeFoldersOfStoppedChildren() {
        RUNNING.forEach(ChildProcess::removeFolder);
    }

    /**
     * The child's side: its parent is gone, so nothing will read the folder its {@code report} was to go in —
     * removed, with everything in it, before the child halts. Only a folder named as {@link #run} names them: a
     * report someone asked for elsewhere by hand leaves its folder alone.
     */
    public static void abandon(Path report) {
        Path folder = report.toAbsolutePath().getParent();
        if (folder != null && folder.getFileName().toString().startsWith(FOLDER_PREFIX)) {
            removeFolder(folder);
        }
    }

    /**
     * A child's folder holds plain files only. A file written while the folder is emptied (the child's last
     * report or JMH's result file, when the child removes its own folder as its parent dies) makes the folder's
     * removal fail, so it is emptied again, a few times; what still cannot be removed stays, in the temporary folder.
     */
    private static void removeFolder(Path folder) {
        for (int pass = 0; pass < 3 && Files.exists(folder); pass++) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // not empty after all, or gone meanwhile: the loop's test decides
            }
        }
    }

    /** {@code java … dev.layerbench.cli.Layerbench <arguments>} for a JVM that loads {@code backend}. */
    private static List<String> command(Backend backend, Path natives, int threads, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        if (backend.extraNd4jBuild()) {
            classPath += java.io.File.pathSeparator + BenchPlan.nativeJar(backend, natives);
            command.add("-Dorg.bytedeco.javacpp.platform.extension=" + backend.nd4jExtension());
        }
        if (backend.engine() == Engine.PYTORCH) {
            command.add("-Dai.djl.offline=true");
            command.add("-D" + TorchDenseNetwork.DEVICE_PROPERTY + "=" + (backend.gpu() ? "gpu" : "cpu"));
            command.add("-Dai.djl.pytorch.num_threads=" + threads);
        }
        command.addAll(Elementwise.JVM_FLAGS);
        command.add(MachineLock.CHILD_PROPERTY);
        command.addAll(List.of("-cp", classPath, "dev.layerbench.cli.Layerbench"));
        command.addAll(arguments);
        return command;
    }

    private static <T> T run(List<String> command, Backend backend, Path report, Class<T> reportType, Path log,
                            Consumer<String> progress) {
        Engine engine = backend.engine();
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            // each engine at its own best: ND4J under layerbench's wait policy (unless the user chose one),
            // libtorch under its own defaults — passive waiting made PyTorch 1.3–3.5× slower here (NOTES.md)
            if (engine == Engine.ND4J) {
                ThreadPolicy.WAIT_POLICY.forEach(builder.environment()::putIfAbsent);
            } else {
                ThreadPolicy.WAIT_POLICY.keySet().forEach(builder.environment()::remove);
            }
            builder.environment().putAll(BackendAvailability.selectionEnvironment(backend));
            Process process = builder.start();
            // stdin stays open: the child takes its end (this process gone) as the signal to stop
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(PROGRESS)) {
                        progress.accept(line.substring(PROGRESS.length()));
                    }
                }
            }
            int exit = process.waitFor();
            process.getOutputStream().close();
            if (exit != 0) {
                String tail = tail(log);
                if (exit == 2) {
                    throw new BadInputException(tail.strip());
                }
                if (exit == SIGNALLED + SIGINT || exit == SIGNALLED + SIGTERM) {
                    throw new RunStoppedException("the " + backend + " JVM was stopped by signal "
                            + (exit - SIGNALLED));
                }
                throw new IllegalStateException("the benchmark JVM exited with " + exit + "; its log " + log
                        + " ends:\n" + tail);
            }
            return Json.mapper().readValue(report.toFile(), reportType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarks ran", e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
