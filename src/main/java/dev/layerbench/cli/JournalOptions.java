package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import dev.layerbench.results.ResultDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --out DIR | --resume DIR}, for the commands that journal each row as it finishes ({@code bench},
 * {@code study}). A new run writes into {@code --out}; {@code --resume} continues the run whose journal is in DIR
 * with the options that chose its grid read back from the journal's header (recorded under their names without
 * the dashes) — one given again beside {@code --resume} must say the same, or the resumed run would mix two grids
 * in one table.
 */
final class JournalOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the result tables into DIR; each row is journaled there as it finishes.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose journal is in DIR, with the options it recorded, doing only what "
                    + "is missing.")
    Path resume;

    /** Where the tables go (null: nowhere), checked before any work. */
    ResultDirectory files() {
        if (out != null && resume != null) {
            throw new BadInputException("--out and --resume exclude each other: --resume DIR writes into DIR");
        }
        Path directory = resume != null ? resume : out;
        return directory == null ? null : ResultDirectory.in(directory);
    }

    /** Where a new run's journal goes: --out, or else a fresh temporary folder named for {@code command}. */
    Path newJournalDirectory(String command) throws IOException {
        Path directory = out != null ? out : Files.createTempDirectory("layerbench-" + command);
        return Files.createDirectories(directory);
    }

    /** Sets each of {@code names} ("preset", "backends", …) to the value {@code grid} recorded for it. */
    void adoptRecordedOptions(CommandSpec command, JsonNode grid, List<String> names) {
        var parse = command.commandLine().getParseResult();
        List<String> recorded = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            OptionSpec option = command.findOption("--" + name);
            JsonNode value = grid.get(name);
            if (value == null) {
                throw new BadInputException("--resume " + resume + ": its journal does not record --" + name);
            }
            if (value.isNull()) {
                // an option the recorded run left at its default
                if (parse.hasMatchedOption(option)) {
                    differing.add("--" + name);
                }
                continue;
            }
            String text = value.isArray() ? joined(value) : value.asText();
            recorded.add("--" + name + " " + text);
            if (parse.hasMatchedOption(option)
                    && !String.valueOf((Object) option.getValue()).replace(" ", "").equals(text)) {
                differing.add("--" + name);
            }
            option.setValue(converted(option.type(), text));
        }
        if (!differing.isEmpty()) {
            throw new BadInputException("--resume " + resume + " continues the run it recorded ("
                    + String.join(" ", recorded) + "); drop the flags that differ: " + String.join(", ", differing));
        }
    }

    private static String joined(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    private static Object converted(Class<?> type, String text) {
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.valueOf(text);
        }
        return text;
    }
}
