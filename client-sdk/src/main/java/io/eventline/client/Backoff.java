package io.eventline.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * Exponential backoff: {@code initial}, growing by {@code multiplier} per attempt up to {@code max}.
 * Each delay is shortened by up to 20 % at random so that clients that failed together do not all
 * come back in the same instant.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
    private static final double JITTER = 0.2;

    public Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max " + max + " is shorter than initial " + initial);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
    }

    /** The delay before attempt {@code attempt} of a retry sequence (1 = the first retry). */
    public Duration delay(int attempt) {
        double millis = Math.min(initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1)), max.toMillis());
        double jittered = millis * (1 - JITTER * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }
}
