package io.eventline.loadtest.report;

import java.time.Duration;
import java.util.Locale;

/** How latencies and run times read in text reports. */
public final class Durations {
    private Durations() {
    }

    /** {@code 1.23 ms}. */
    public static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    /** Milliseconds with three decimals, as the histogram marks. */
    public static String millisPrecise(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** Under a second in milliseconds, else in seconds. */
    public static String elapsed(long nanos) {
        return nanos < 1_000_000_000L ? millis(nanos) : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A setting's duration as it was typed: {@code 5s}, {@code 500ms}, {@code 0s}. */
    public static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    public static String percentage(double percentage) {
        return percentage == Math.rint(percentage) ? Long.toString((long) percentage) : Double.toString(percentage);
    }
}
