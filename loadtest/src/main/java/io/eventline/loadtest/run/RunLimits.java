package io.eventline.loadtest.run;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * When a run ends and how hard it pushes: at most {@code total} requests (0: no count limit), for at
 * most {@code duration} (zero: no time limit), with {@code concurrency} requests in flight at most.
 */
public record RunLimits(long total, Duration duration, int concurrency, LoadSchedule schedule) {
    public RunLimits {
        requireNonNull(duration, "duration is null");
        requireNonNull(schedule, "schedule is null");
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
