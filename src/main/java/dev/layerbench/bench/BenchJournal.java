package dev.layerbench.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.backend.NoiseReading;
import dev.layerbench.backend.NoiseSentinels;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.AgreementRow;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.ForkSample;
import dev.layerbench.results.Interference;
import dev.layerbench.results.Journal;
import dev.layerbench.results.JournalFile;
import dev.layerbench.results.Json;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A bench run as it happens, one {@link JournalFile} line per event: each child JVM's session (the backend it found
 * loaded and the machine it ran on), each benchmark's fork — its raw samples with JMH's own JSON — the moment JMH
 * reports it, JMH's warnings, and the noise sentinels' readings. {@code kill -9} loses at most the benchmark in
 * flight; {@code bench --resume} measures only what is missing, and the rows are made from the journal's samples,
 * so no sample is ever counted twice.
 */
public final class BenchJournal extends Journal {
    public static final String FILE_NAME = "timing.jsonl";
    static final String KIND = "bench-journal";
    /** 2: a line per fork with raw samples (1 had a line per row with JMH's summary). */
    static final int SCHEMA_VERSION = 2;

    /** A journal line after the header. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Session.class, name = "session"),
            @JsonSubTypes.Type(value = Measured.class, name = "fork"),
            @JsonSubTypes.Type(value = Warning.class, name = "warning"),
            @JsonSubTypes.Type(value = Noise.class, name = "noise"),
            @JsonSubTypes.Type(value = Agreement.class, name = "agreement")})
    public sealed interface Entry permits Session, Measured, Warning, Noise, Agreement {
        /** What a line layerbench wrote would have and this one lacks, or null: journals come from disk. */
        String lacks();
    }

    /** A child JVM started measuring {@code requestedBackend}: what it found loaded, on which machine. */
    public record Session(String requestedBackend, LoadedBackend loaded, Environment environment, String startedAt)
            implements Entry {

        @Override
        public String lacks() {
            return requestedBackend == null ? "requestedBackend" : loaded == null ? "loaded"
                    : environment == null ? "environment" : null;
        }

        /**
         * Why rows of this session may not sit beside rows of {@code earlier} (same backend, an earlier run of the
         * same journal), or null if they may: another library, CPU, GPU or layerbench build makes other numbers,
         * and so do other kernels of the same library — OpenBLAS's core (in {@code products}) and the variables that
         * hold native code to an instruction set or set its threads (the native environment: a run resumed under
         * {@code -XX:UseAVX=2}, or with OpenBLAS told another core, would put other kernels' forks into one row).
         */
        String differenceFrom(Session earlier) {
            List<List<String>> identity = List.of(
                    // the library, not its description: that names the child's thread count, which varies by design
                    List.of("loaded library", String.valueOf(earlier.loaded.library()),
                            String.valueOf(loaded.library())),
                    List.of("CPU", earlier.environment.cpuModel() + " x" + earlier.environment.logicalCores(),
                            environment.cpuModel() + " x" + environment.logicalCores()),
                    List.of("GPUs", gpuNames(earlier.environment).toString(), gpuNames(environment).toString()),
                    List.of("products", String.valueOf(earlier.environment.products()),
                            String.valueOf(environment.products())),
                    List.of("native environment", String.valueOf(earlier.environment.threadEnvironment()),
                            String.valueOf(environment.threadEnvironment())),
                    List.of("layerbench build", String.valueOf(earlier.environment.gitCommit()),
                            String.valueOf(environment.gitCommit())));
            for (List<String> field : identity) {
                if (!field.get(1).equals(field.get(2))) {
                    return field.get(0) + " was " + field.get(1) + ", is " + field.get(2);
                }
            }
            return null;
        }

        private static List<String> gpuNames(Environment environment) {
            return environment.gpus() == null ? List.of() : environment.gpus().stream().map(GpuInfo::name).toList();
        }
    }

    /** One fork of one benchmark: its samples, and JMH's own JSON for it. */
    public record Measured(ForkSample sample, JsonNode jmh) implements Entry {
        @Override
        public String lacks() {
            if (sample == null) {
                return "sample";
            }
            if (sample.backend() == null || sample.impl() == null || sample.op() == null || sample.dtype() == null) {
                return "a sample's backend, impl, op or dtype";
            }
            return sample.iterationsUs() == null || sample.iterationsUs().isEmpty()
                    || sample.iterationsUs().stream().anyMatch(v -> v == null || !Double.isFinite(v) || v <= 0)
                    ? "a sample's iterationsUs (positive numbers)" : null;
        }
    }

    /** A warning JMH printed, or one this run raised about itself; shown once above the tables. */
    public record Warning(String text) implements Entry {
        @Override
        public String lacks() {
            return text == null ? "text" : null;
        }
    }

    /** What the machine was doing before or after the run. */
    public record Noise(NoiseReading reading) implements Entry {
        @Override
        public String lacks() {
            return reading == null || reading.when() == null || reading.busiestOthers() == null
                    || reading.gpuClocks() == null ? "a reading's when, busiestOthers and gpuClocks" : null;
        }
    }

    /**
     * A backend's {@link BackendAgreement} rows, all in one line: a child stopped while computing them journals
     * none, and the next child of that backend computes them all again.
     */
    public record Agreement(String backend, List<AgreementRow> rows) implements Entry {
        @Override
        public String lacks() {
            if (backend == null || rows == null || rows.isEmpty()) {
                return "a backend and its agreement rows";
            }
            return rows.stream().map(AgreementRow::lacks).filter(Objects::nonNull).findFirst().orElse(null);
        }
    }

    private BenchJournal(JournalFile lines) {
        super(lines);
    }

    /** A new journal for the run {@code grid} describes; an error if one is already there. */
    public static BenchJournal create(Path file, Map<String, Object> grid) {
        return new BenchJournal(JournalFile.create(file, KIND, SCHEMA_VERSION, grid, "layerbench bench"));
    }

    /** The journal in {@code file}, to append to. */
    public static BenchJournal open(Path file) {
        return new BenchJournal(JournalFile.openToAppend(file, KIND, SCHEMA_VERSION));
    }

    /** The journal in {@code file}, only to read. */
    public static BenchJournal read(Path file) {
        return new BenchJournal(JournalFile.read(file, KIND, SCHEMA_VERSION));
    }

    /** The lines after the header; one that lacks what layerbench writes is bad input naming its number. */
    public List<Entry> entries() {
        return lines.entries(Entry.class, "a bench session or row", Entry::lacks);
    }

    public List<Session> sessions() {
        return entries().stream().filter(Session.class::isInstance).map(Session.class::cast).toList();
    }

    public List<Measured> measured() {
        return entries().stream().filter(Measured.class::isInstance).map(Measured.class::cast).toList();
    }

    /** Every fork measured so far, by row key, in the order they were measured. */
    public Map<String, List<ForkSample>> samplesByKey() {
        return byKey(Measured::sample);
    }

    /** JMH's own JSON entry of every fork measured so far, by row key, in the order they were measured. */
    public Map<String, List<JsonNode>> jmhByKey() {
        return byKey(Measured::jmh);
    }

    private <T> Map<String, List<T>> byKey(Function<Measured, T> part) {
        Map<String, List<T>> byKey = new LinkedHashMap<>();
        measured().forEach(m -> byKey.computeIfAbsent(m.sample().key(), k -> new ArrayList<>()).add(part.apply(m)));
        return byKey;
    }

    /**
     * Records {@code session}, unless an earlier session of the same backend in this journal ran on another
     * machine or build: a resumed bench must add rows that belong beside the ones already there.
     */
    public void begin(Session session) {
        for (Session earlier : sessions()) {
            if (earlier.requestedBackend().equals(session.requestedBackend())) {
                String difference = session.differenceFrom(earlier);
                if (difference != null) {
                    throw new BadInputException(lines.file() + " holds " + session.requestedBackend() + " rows "
                            + "measured elsewhere (" + difference + "); resume where they were measured, or start "
                            + "a new --out");
                }
            }
        }
        lines.append(session);
    }

    public void append(Measured measured) {
        lines.append(measured);
    }

    public void append(Agreement agreement) {
        lines.append(agreement);
    }

    public void warn(String text) {
        lines.append(new Warning(text));
    }

    public void noise(NoiseReading reading) {
        lines.append(new Noise(reading));
    }

    /**
     * What the journal holds, as a result: a row per key from all its forks, each backend's latest session, the
     * {@code config} and {@code skipped} lines the header recorded, the warnings, and whether the run is partial
     * (rows it planned are missing, or have fewer forks than it asks for: a run stopped before it ended).
     */
    public TimingResult result() {
        Map<String, Session> sessions = new LinkedHashMap<>();
        Map<String, List<Measured>> byKey = new LinkedHashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        List<NoiseReading> noise = new ArrayList<>();
        List<AgreementRow> agreement = new ArrayList<>();
        for (Entry entry : entries()) {
            if (entry instanceof Session session) {
                sessions.put(session.requestedBackend(), session);
            } else if (entry instanceof Measured m) {
                if (!sessions.containsKey(m.sample().backend())) {
                    throw new BadInputException(lines.file() + " holds a " + m.sample().backend() + " sample but no "
                            + m.sample().backend() + " session before it: not a journal layerbench wrote");
                }
                ForkSample f = m.sample();
                Product.requireStoredCeiling(f.op(), f.batch(), f.in(), f.out(), f.hidden(), f.dtype(),
                        lines.file() + ": a " + f.backend() + " sample");
                byKey.computeIfAbsent(m.sample().key(), k -> new ArrayList<>()).add(m);
            } else if (entry instanceof Warning w) {
                warnings.add(w.text());
            } else if (entry instanceof Noise n) {
                noise.add(n.reading());
            } else if (entry instanceof Agreement a) {
                agreement.addAll(a.rows());
            }
        }
        JsonNode config = grid().path("config");
        Measurement measurement = measurement();
        List<TimingRow> rows = ComparisonColumns.fill(byKey.values().stream()
                .map(forks -> row(forks.stream().map(Measured::sample).toList(), measurement)).toList());
        List<ChildReport> reports = sessions.values().stream().map(s -> {
            List<TimingRow> own = rows.stream().filter(r -> r.backend().equals(s.requestedBackend())).toList();
            List<JsonNode> jmh = byKey.values().stream().flatMap(List::stream)
                    .filter(m -> m.sample().backend().equals(s.requestedBackend())).map(Measured::jmh).toList();
            return new ChildReport(s.requestedBackend(), s.loaded(), s.environment(), own, jmh);
        }).toList();
        List<String> skipped = new ArrayList<>();
        grid().path("skipped").forEach(line -> skipped.add(line.asText()));
        boolean partial = rows.size() < config.path("plannedRows").asInt()
                || rows.stream().anyMatch(r -> r.forks() < measurement.forks());
        warnings.addAll(NoiseSentinels.warnings(noise));
        warnings.addAll(rowWarnings(rows, measurement));
        return new TimingResult(TimingResult.SCHEMA_VERSION, "bench", Instant.now().toString(), config, skipped,
                reports, rows, partial, List.copyOf(warnings), List.copyOf(noise), List.copyOf(agreement));
    }

    /** A row from its forks: summary, FLOPs as its implementation performs them, noisy against the target. */
    static TimingRow row(List<ForkSample> forks, Measurement measurement) {
        ForkSample s = forks.get(0);
        BenchmarkShape shape = BenchmarkShape.of(s.batch(), s.in(), s.out(), s.hidden(), s.dtype());
        Implementation impl = Labelled.parse(Implementation.class, s.impl(), "impl");
        double flops = s.op().startsWith(Product.CEILING_PREFIX) ? Product.parse(s.op(), shape).flops()
                : Product.flops(impl, Labelled.parse(Operation.class, s.op(), "op"), shape);
        return TimingRow.of(forks, flops, measurement.precisionTarget());
    }

    private static List<String> rowWarnings(List<TimingRow> rows, Measurement measurement) {
        List<String> warnings = new ArrayList<>();
        long noisy = rows.stream().filter(TimingRow::noisy).count();
        if (noisy > 0) {
            warnings.add(noisy + " of " + rows.size() + " rows are noisy: their 95% interval is wider than ±"
                    + Math.round(100 * measurement.precisionTarget()) + "% of the median after the forks the run "
                    + "allowed (at most " + measurement.maxForks() + ")");
        }
        int setAside = rows.stream().mapToInt(TimingRow::setAside).sum();
        if (setAside > 0) {
            warnings.add(String.format(Locale.US, "%d of %d samples set aside as disturbed: the hypervisor's steal "
                    + "and other processes took more than %.0f%% of the cores the benchmark needed while they ran "
                    + "(kept in timing.json with their readings)", setAside,
                    rows.stream().mapToInt(TimingRow::samples).sum() + setAside,
                    Interference.SET_ASIDE_ABOVE_PERCENT));
        }
        long above = rows.stream().filter(TimingRow::aboveCeiling).count();
        if (above > 0) {
            warnings.add(above + " rows beat their own GEMM ceiling by more than the intervals allow (marked "
                    + "above_ceiling): see the README on what that means");
        }
        return warnings;
    }

    /** The measurement settings the header recorded. */
    public Measurement measurement() {
        try {
            return Json.mapper().treeToValue(grid().path("config").path("measurement"), Measurement.class);
        } catch (Exception e) {
            throw new BadInputException(lines.file() + ": its header's config has no valid measurement settings");
        }
    }
}
