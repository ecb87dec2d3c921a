package io.eventline.loadtest.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads an option whose values are an enum's constants, written in lower case as ghz writes them. */
final class EnumOptions {
    private EnumOptions() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", is '" + text + "'");
        }
    }
}
