package io.eventline.loadtest.run;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Open-loop pacing: the time each request is meant to start, from the schedule alone, whatever the
 * responses do. Latency is measured from this intended time, so a stalled server is charged for the
 * requests it kept waiting (the coordinated-omission correction).
 */
final class Pacer {
    private final LoadSchedule schedule;
    private final long startNanos;
    private long nextNanos;

    Pacer(LoadSchedule schedule, long startNanos) {
        this.schedule = requireNonNull(schedule, "schedule is null");
        this.startNanos = startNanos;
        this.nextNanos = startNanos;
    }

    /** The intended start of the next request; each call advances by one request interval. */
    long next() {
        long intended = nextNanos;
        double rate = schedule.rateAt(Duration.ofNanos(intended - startNanos));
        nextNanos = intended + Math.max(1L, Math.round(1e9 / rate));
        return intended;
    }
}
