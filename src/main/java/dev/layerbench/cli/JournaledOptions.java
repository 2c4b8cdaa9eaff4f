package dev.layerbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.layerbench.BadInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --resume DIR} continues the run its journal recorded: the options that chose the grid are read back from
 * the journal's header (recorded under their names without the dashes), and one given again beside
 * {@code --resume} must say the same — a resumed run that measured another grid would mix two runs in one table.
 */
final class JournaledOptions {
    private JournaledOptions() {
    }

    /** Sets each of {@code names} ("preset", "backends", …) to the value {@code grid} recorded for it. */
    static void adopt(CommandSpec command, JsonNode grid, Path resume, List<String> names) {
        var parse = command.commandLine().getParseResult();
        List<String> recorded = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            OptionSpec option = command.findOption("--" + name);
            JsonNode value = grid.get(name);
            if (value == null || value.isNull()) {
                throw new BadInputException("--resume " + resume + ": its journal does not record --" + name);
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
