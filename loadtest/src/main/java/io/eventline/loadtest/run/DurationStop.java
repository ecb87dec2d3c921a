package io.eventline.loadtest.run;

/**
 * ghz's {@code --duration-stop}: what happens to the requests in flight when the time limit ends a
 * run. {@code CLOSE} ends them at once (they fail and are counted), {@code WAIT} lets them finish
 * and counts them, {@code IGNORE} leaves them out of the report.
 */
public enum DurationStop {
    CLOSE, WAIT, IGNORE;

    public static DurationStop parse(String text) {
        return EnumOptions.parse(DurationStop.class, text, "--duration-stop");
    }
}
