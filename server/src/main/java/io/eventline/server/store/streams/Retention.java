package io.eventline.server.store.streams;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How much of a stream is kept: at most {@code maxCount} newest events (0: no limit), none older than {@code maxAge} (zero: no limit). */
public record Retention(long maxCount, Duration maxAge) {
    public static final Retention NONE = new Retention(0, Duration.ZERO);

    public Retention {
        requireNonNull(maxAge, "maxAge is null");
        if (maxCount < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("retention limits are not negative");
        }
    }
}
