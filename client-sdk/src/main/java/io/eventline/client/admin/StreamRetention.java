package io.eventline.client.admin;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How many events, or how old, a stream keeps; 0 / {@link Duration#ZERO} means no limit. */
public record StreamRetention(long maxCount, Duration maxAge) {
    public StreamRetention {
        requireNonNull(maxAge, "maxAge is null");
        if (maxCount < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("retention limits must not be negative");
        }
    }

    public static StreamRetention maxCount(long count) {
        return new StreamRetention(count, Duration.ZERO);
    }

    public static StreamRetention maxAge(Duration age) {
        return new StreamRetention(0, age);
    }
}
