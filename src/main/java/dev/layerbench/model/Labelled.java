package dev.layerbench.model;

import dev.layerbench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum constant with the name users type for it on the command line. */
public interface Labelled {
    String label();

    /** The constant of {@code type} whose label is {@code text} (case-insensitive), or an error naming the flag. */
    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String text, String flag) {
        for (E value : type.getEnumConstants()) {
            if (value.label().equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new BadInputException(flag + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(Labelled::label).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }
}
