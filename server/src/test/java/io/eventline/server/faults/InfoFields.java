package io.eventline.server.faults;

import java.util.Optional;

/** Reads one field out of the text an INFO command returns ("field:value" lines). */
public final class InfoFields {
    private InfoFields() {
    }

    public static Optional<String> of(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Optional.of(line.substring(field.length() + 1).trim());
            }
        }
        return Optional.empty();
    }
}
