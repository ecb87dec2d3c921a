package io.eventline.loadtest.run;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * When a run ends and how hard it pushes: at most {@code total} requests (0: no count limit), for at
 * most {@code duration} (zero: no time limit), at the rate of {@code schedule}, with as many requests
 * in flight at most as {@code workers} says at the time ({@code concurrency} being its most); with
 * {@code async} (ghz's {@code --async}) a worker does not wait for its last request, so nothing
 * bounds the requests in flight.
 */
public record RunLimits(long total, Duration duration, int concurrency, LoadSchedule schedule, ConcurrencySchedule workers, boolean async) {
    /** A fixed number of workers, each waiting for its request to end before sending the next. */
    public RunLimits(long total, Duration duration, int concurrency, LoadSchedule schedule) {
        this(total, duration, concurrency, schedule, ConcurrencySchedule.constant(Math.max(1, concurrency)), false);
    }

    /** Workers that follow a schedule. */
    public RunLimits(long total, Duration duration, LoadSchedule schedule, ConcurrencySchedule workers) {
        this(total, duration, workers.maximum(), schedule, workers, false);
    }

    public RunLimits {
        requireNonNull(duration, "duration is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(workers, "workers is null");
        if (async && !workers.isConstant()) {
            throw new IllegalArgumentException("--async sends without waiting for workers: it takes no concurrency schedule");
        }
        if (!workers.isConstant() && !schedule.paced()) {
            // unpaced, each worker sends as soon as its last request ends: there is no dispatcher to hand out fewer
            throw new IllegalArgumentException("a concurrency schedule needs a request rate: give -r or a load schedule");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        if (total == 0 && duration.isZero()) {
            throw new IllegalArgumentException("a run needs a request count or a duration");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }
}
