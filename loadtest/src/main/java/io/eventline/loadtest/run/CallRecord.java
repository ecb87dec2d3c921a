package io.eventline.loadtest.run;

import static java.util.Objects.requireNonNull;

/** One request, for the per-request CSV: when it was meant to start (from the run's start), its latency and outcome. */
public record CallRecord(long startOffsetNanos, long latencyNanos, String status, String error) {
    public CallRecord {
        requireNonNull(status, "status is null");
        requireNonNull(error, "error is null");
    }
}
