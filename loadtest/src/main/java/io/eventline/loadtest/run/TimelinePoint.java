package io.eventline.loadtest.run;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** The requests that finished in one interval of a run: how many, at what rate, and their latency. */
public record TimelinePoint(Duration end, long count, double perSecond, long p50Nanos, long p99Nanos, long maxNanos) {
    public TimelinePoint {
        requireNonNull(end, "end is null");
    }
}
