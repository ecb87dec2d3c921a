package io.eventline.loadtest.scenario;

import static java.util.Objects.requireNonNull;

/**
 * Names unique to one run, so runs never see each other's data: Eventline streams
 * {@code bench<run>-<label>-<n>} and baseline keys under the namespace {@code elbench<run>}.
 */
public final class BenchNames {
    private final String runId;

    public BenchNames(String runId) {
        this.runId = requireNonNull(runId, "runId is null");
        if (!runId.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("runId must be lower-case letters and digits");
        }
    }

    public static BenchNames fromClock() {
        return new BenchNames(Long.toString(System.currentTimeMillis(), 36));
    }

    /** A prefix for stream names; a number is appended to it. */
    public String streamPrefix(String label) {
        return "bench" + runId + "-" + label + "-";
    }

    /** The namespace of every baseline key, deleted when the scenario ends. */
    public String baselineNamespace() {
        return "elbench" + runId;
    }

    public String runId() {
        return runId;
    }
}
