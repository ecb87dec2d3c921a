package io.eventline.client;

import io.grpc.Status;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How often an idempotent call is tried when the server cannot be reached ({@code UNAVAILABLE}).
 * Only idempotent calls are retried: appends are (their event ids are chosen by the client, so the
 * server recognises a retry), reads, acks and most management calls are.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff) {
    public RetryPolicy {
        requireNonNull(backoff, "backoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** Five attempts, 100 ms apart at first, doubling up to 2 s: rides out a server restart of a few seconds. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1));
    }

    /** Whether attempt number {@code attempt} (1-based), failed with {@code code}, may be followed by another. */
    public boolean allowsRetry(Status.Code code, int attempt) {
        return code == Status.Code.UNAVAILABLE && attempt < maxAttempts;
    }
}
