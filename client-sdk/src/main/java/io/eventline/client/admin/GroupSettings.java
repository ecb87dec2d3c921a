package io.eventline.client.admin;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A consumer group's delivery rules: unsettled deliveries come back after {@code ackTimeout};
 * after {@code maxDeliveries} deliveries a message is parked.
 */
public record GroupSettings(Duration ackTimeout, int maxDeliveries) {
    public GroupSettings {
        requireNonNull(ackTimeout, "ackTimeout is null");
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("ackTimeout must be positive: " + ackTimeout);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1: " + maxDeliveries);
        }
    }

    /** The server's defaults: 30 s, 10 deliveries. */
    public static GroupSettings defaults() {
        return new GroupSettings(Duration.ofSeconds(30), 10);
    }
}
