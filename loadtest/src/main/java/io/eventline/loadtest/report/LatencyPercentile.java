package io.eventline.loadtest.report;

/** The latency {@code percentage} % of the requests took at most. */
public record LatencyPercentile(double percentage, long latencyNanos) {
}
