package io.eventline.client.internal;

import io.eventline.client.EventlineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Gathers the acks of handled deliveries into batches (one Ack call for many deliveries) and
 * remembers every ack the server has not confirmed yet: a delivery that comes back with such an
 * ack id was handled already (only its ack was lost with the connection), so it is acked again
 * instead of handled twice. Acks the server could not be reached for are kept for the next flush.
 */
final class AckBatcher {
    private static final Logger log = LoggerFactory.getLogger(AckBatcher.class);
    private static final long SETTLE_PACE_MILLIS = 100;

    private final AckSender sender;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final List<String> pending = new ArrayList<>();
    private final Set<String> unconfirmed = new HashSet<>();
    private long oldestPendingNanos;
    private int inFlight;

    AckBatcher(AckSender sender, int maxBatch, Duration maxDelay) {
        this.sender = requireNonNull(sender, "sender is null");
        this.maxBatch = maxBatch;
        this.maxDelayNanos = requireNonNull(maxDelay, "maxDelay is null").toNanos();
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        }
    }

    synchronized void add(String ackId) {
        if (pending.isEmpty()) {
            oldestPendingNanos = System.nanoTime();
        }
        unconfirmed.add(ackId);
        if (!pending.contains(ackId)) {
            pending.add(ackId);
        }
    }

    /** Whether this delivery was handled and acked here, but the server has not confirmed the ack. */
    synchronized boolean awaitingConfirmation(String ackId) {
        return unconfirmed.contains(ackId);
    }

    /** A full batch, or one that waited long enough. */
    synchronized boolean isDue() {
        return pending.size() >= maxBatch || (!pending.isEmpty() && System.nanoTime() - oldestPendingNanos >= maxDelayNanos);
    }

    /** Sends what is batched, without waiting for the reply. */
    void flush() {
        List<String> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = List.copyOf(pending);
            pending.clear();
            inFlight++;
        }
        sender.ack(batch).whenComplete((ignored, error) -> completed(batch, error));
    }

    /** Sends everything and waits until the server confirmed it all; false if that took longer than {@code timeout}. */
    boolean settle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            flush();
            synchronized (this) {
                if (pending.isEmpty() && inFlight == 0) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    // woken by a reply; paced so that a server that refuses at once is not hammered
                    wait(Math.max(1, Math.min(SETTLE_PACE_MILLIS, left / 1_000_000)));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private synchronized void completed(List<String> batch, Throwable error) {
        inFlight--;
        if (error != null && isRetryable(error)) {
            if (pending.isEmpty()) {
                oldestPendingNanos = System.nanoTime();
            }
            for (String ackId : batch) {
                if (!pending.contains(ackId)) {
                    pending.add(ackId);
                }
            }
        }
        else {
            if (error != null) {
                // the server refused them (e.g. the group was deleted): sending them again would not help
                log.warn("The server refused {} acks: {}", batch.size(), error.toString());
            }
            for (String ackId : batch) {
                if (!pending.contains(ackId)) {
                    unconfirmed.remove(ackId);
                }
            }
        }
        notifyAll();
    }

    private static boolean isRetryable(Throwable error) {
        if (!(ErrorTranslator.cause(error) instanceof EventlineException eventline)) {
            return false;
        }
        return switch (eventline.code()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL, RESOURCE_EXHAUSTED -> true;
            default -> false;
        };
    }
}
