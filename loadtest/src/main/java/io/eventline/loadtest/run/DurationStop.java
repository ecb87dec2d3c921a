package io.eventline.loadtest.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * ghz's {@code --duration-stop}: what happens to the requests in flight when the time limit ends a
 * run. {@code CLOSE} ends them at once (they fail and are counted), {@code WAIT} lets them finish
 * and counts them, {@code IGNORE} leaves them out of the report.
 */
public enum DurationStop {
    CLOSE, WAIT, IGNORE;

    public static DurationStop parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--duration-stop must be one of " + Arrays.stream(values())
                    .map(stop -> stop.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ", is '" + text + "'");
        }
    }
}
