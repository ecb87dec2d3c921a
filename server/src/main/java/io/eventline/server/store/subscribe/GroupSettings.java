package io.eventline.server.store.subscribe;

import io.eventline.server.store.InvalidArgumentException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How long a delivery may stay unsettled before it comes back, and how often before it is parked. */
public record GroupSettings(Duration ackTimeout, int maxDeliveries) {
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_DELIVERIES = 10;
    static final Duration MIN_ACK_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_ACK_TIMEOUT = Duration.ofHours(24);
    static final int MAX_MAX_DELIVERIES = 1000;

    public GroupSettings {
        requireNonNull(ackTimeout, "ackTimeout is null");
    }

    /** Settings a client asked for; zero values take the defaults. */
    public static GroupSettings requested(Duration ackTimeout, int maxDeliveries) {
        Duration timeout = ackTimeout.isZero() ? DEFAULT_ACK_TIMEOUT : ackTimeout;
        if (timeout.compareTo(MIN_ACK_TIMEOUT) < 0 || timeout.compareTo(MAX_ACK_TIMEOUT) > 0) {
            throw new InvalidArgumentException("settings.ack_timeout", "ack timeout must be between 100ms and 24h, is " + timeout);
        }
        int deliveries = maxDeliveries == 0 ? DEFAULT_MAX_DELIVERIES : maxDeliveries;
        if (deliveries < 1 || deliveries > MAX_MAX_DELIVERIES) {
            throw new InvalidArgumentException("settings.max_deliveries", "max deliveries must be between 1 and " + MAX_MAX_DELIVERIES);
        }
        return new GroupSettings(timeout, deliveries);
    }

    public static GroupSettings defaults() {
        return new GroupSettings(DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_DELIVERIES);
    }
}
