package io.eventline.loadtest.report;

/** One bar of the response-time histogram: the requests at most {@code markNanos} and above the previous mark. */
public record HistogramBucket(double markNanos, long count, double frequency) {
}
