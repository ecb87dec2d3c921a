package io.eventline.loadtest.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The benchmark scenarios, their command-line names and default shapes. */
public enum ScenarioName {
    APPEND("append", 50, 10_000),
    APPEND_BATCH("append-batch", 50, 10_000),
    CONTENDED("contended", 16, 4),
    READ("read", 1, 1),
    READ_ALL("read-all", 1, 1),
    MEMORY("memory", 50, 2_000),
    /** Concurrency: the live appenders; one stream. */
    GROUPS("groups", 4, 1),
    /** Concurrency: slots for the paced appends; one stream. */
    LATENCY("latency", 50, 1),
    /** Streams the idle subscriptions watch. */
    IDLE_SUBSCRIPTIONS("idle-subscriptions", 1, 100),
    /** Concurrency unused (--consumers is the subscriptions of its concurrent phase); one stream. */
    CATCH_UP("catch-up", 1, 1);

    private final String cliName;
    private final int defaultConcurrency;
    private final int defaultStreams;

    ScenarioName(String cliName, int defaultConcurrency, int defaultStreams) {
        this.cliName = cliName;
        this.defaultConcurrency = defaultConcurrency;
        this.defaultStreams = defaultStreams;
    }

    public String cliName() {
        return cliName;
    }

    public int defaultConcurrency() {
        return defaultConcurrency;
    }

    /** Streams: the contended few, the memory scenario's K, the streams idle subscriptions watch. */
    public int defaultStreams() {
        return defaultStreams;
    }

    public static ScenarioName parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ScenarioName name : values()) {
            if (name.cliName.equals(wanted)) {
                return name;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "'; one of "
                + Arrays.stream(values()).map(ScenarioName::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
