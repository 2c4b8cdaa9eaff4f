package dev.layerbench.bench;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import dev.layerbench.backend.Backend;
import dev.layerbench.backend.Environment;
import dev.layerbench.backend.GpuInfo;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.ChildReport;
import dev.layerbench.results.Journal;
import dev.layerbench.results.JournalFile;
import dev.layerbench.results.TimingResult;
import dev.layerbench.results.TimingRow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bench run as it happens, one {@link JournalFile} line per event: each child JVM's session (the backend it found
 * loaded and the machine it ran on), then each benchmark's row with JMH's raw result the moment JMH reports it.
 * {@code kill -9} loses at most the benchmark in flight; {@code bench --resume} measures only what is missing, and
 * the tables are made from the journal, so no row is ever written twice.
 */
public final class BenchJournal extends Journal {
    public static final String FILE_NAME = "timing.jsonl";
    static final String KIND = "bench-journal";
    static final int SCHEMA_VERSION = 1;

    /** A journal line after the header. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Session.class, name = "session"),
            @JsonSubTypes.Type(value = Measured.class, name = "row")})
    public sealed interface Entry permits Session, Measured {
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
         * same journal), or null if they may: another library, CPU, GPU or layerbench build makes other numbers.
         */
        String differenceFrom(Session earlier) {
            List<List<String>> identity = List.of(
                    List.of("loaded library", String.valueOf(earlier.loaded.description()),
                            String.valueOf(loaded.description())),
                    List.of("CPU", earlier.environment.cpuModel() + " x" + earlier.environment.logicalCores(),
                            environment.cpuModel() + " x" + environment.logicalCores()),
                    List.of("GPUs", gpuNames(earlier.environment).toString(), gpuNames(environment).toString()),
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

    /** One finished benchmark: its row (no comparison columns yet) and JMH's own JSON for it. */
    public record Measured(TimingRow row, JsonNode jmh) implements Entry {
        @Override
        public String lacks() {
            if (row == null) {
                return "row";
            }
            return row.backend() == null || row.impl() == null || row.op() == null || row.dtype() == null
                    ? "a row's backend, impl, op or dtype" : Double.isFinite(row.usPerOp()) ? null : "a row's usPerOp";
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

    /** Keys ({@link TimingRow#key()}) of the rows already measured. */
    public Set<String> doneKeys() {
        Set<String> keys = new HashSet<>();
        measured().forEach(m -> keys.add(m.row().key()));
        return keys;
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

    /**
     * What the journal holds, as a result: every journaled row with its backend's latest session, the
     * {@code config} and {@code skipped} lines the header recorded, and whether rows the run planned are missing
     * (a run killed before it ended, or still running).
     */
    public TimingResult result() {
        Map<String, Session> sessions = new LinkedHashMap<>();
        List<Measured> measured = new ArrayList<>();
        for (Entry entry : entries()) {
            if (entry instanceof Session session) {
                sessions.put(session.requestedBackend(), session);
            } else if (entry instanceof Measured row) {
                measured.add(row);
            }
        }
        for (Measured m : measured) {
            if (!sessions.containsKey(m.row().backend())) {
                throw new BadInputException(lines.file() + " holds a " + m.row().backend() + " row but no "
                        + m.row().backend() + " session: not a journal layerbench wrote");
            }
        }
        List<ChildReport> reports = sessions.values().stream().map(s -> {
            List<Measured> own = measured.stream()
                    .filter(m -> m.row().backend().equals(s.requestedBackend())).toList();
            return new ChildReport(s.requestedBackend(), s.loaded(), s.environment(),
                    own.stream().map(Measured::row).toList(), own.stream().map(Measured::jmh).toList());
        }).toList();
        List<TimingRow> rows = measured.stream().map(Measured::row).toList();
        JsonNode grid = grid();
        List<String> skipped = new ArrayList<>();
        grid.path("skipped").forEach(line -> skipped.add(line.asText()));
        return new TimingResult(TimingResult.SCHEMA_VERSION, "bench", Instant.now().toString(), grid.get("config"),
                skipped, reports, ComparisonColumns.fill(rows), rows.size() < plannedRows(grid.path("config")));
    }

    /** How many rows the run recorded in {@code config} sets out to measure. */
    private int plannedRows(JsonNode config) {
        try {
            Preset preset = Preset.parse(config.path("preset").asText());
            int planned = 0;
            for (JsonNode run : config.path("runs")) {
                BenchPlan.ChildRun childRun = new BenchPlan.ChildRun(
                        Labelled.parse(Backend.class, run.path("backend").asText(), "backend"),
                        Implementation.parseList(joined(run.path("impls"))));
                planned += childRun.benchmarks(preset).size();
            }
            return planned;
        } catch (BadInputException e) {
            throw new BadInputException(lines.file() + ": its header's config names " + e.getMessage(), e);
        }
    }

    private static String joined(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

}
