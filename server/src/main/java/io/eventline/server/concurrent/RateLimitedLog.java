package io.eventline.server.concurrent;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Warnings that repeat (a Redis outage fails every request) logged at most once per key and interval,
 * with the number held back since the last one, so an outage does not flood the log.
 * Callers use a fixed set of keys (a kind of failure, never client input), so the map stays small.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    public RateLimitedLog(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = requireNonNull(log, "log is null");
        this.intervalNanos = requireNonNull(interval, "interval is null").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** Logs {@code message} as a warning unless one with the same key was logged within the interval. */
    public void warn(String key, String message) {
        long suppressed = windows.computeIfAbsent(key, ignored -> new Window()).admit(nanoTime.getAsLong(), intervalNanos);
        if (suppressed < 0) {
            return;
        }
        if (suppressed == 0) {
            log.warn(message);
        }
        else {
            log.warn("{} ({} more like it in the last {} s not logged)", message, suppressed, Duration.ofNanos(intervalNanos).toSeconds());
        }
    }

    /** One key's interval: when its last warning went out, and how many were held back since. */
    private static final class Window {
        private boolean started;
        private long loggedAt;
        private long held;

        /** How many were held back before this one when it may go out; -1 when it is held back. */
        synchronized long admit(long now, long intervalNanos) {
            if (started && now - loggedAt < intervalNanos) {
                held++;
                return -1;
            }
            started = true;
            loggedAt = now;
            long before = held;
            held = 0;
            return before;
        }
    }
}
