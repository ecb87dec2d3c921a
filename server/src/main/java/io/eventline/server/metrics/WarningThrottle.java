package io.eventline.server.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Lets a warning through at most once per interval for each cause, so a failure that lasts is
 * logged once a minute rather than on every periodic attempt, and a new cause is logged at once.
 */
final class WarningThrottle {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastLogged = new HashMap<>();

    WarningThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = requireNonNull(interval, "interval is null").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Whether a warning for {@code cause} may be logged now; if so, the next one waits an interval. */
    synchronized boolean allow(String cause) {
        long now = nanoTime.getAsLong();
        Long last = lastLogged.get(cause);
        if (last != null && now - last < intervalNanos) {
            return false;
        }
        lastLogged.put(cause, now);
        return true;
    }
}
