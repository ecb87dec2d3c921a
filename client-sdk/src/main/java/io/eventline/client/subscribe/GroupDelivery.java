package io.eventline.client.subscribe;

import io.eventline.client.RecordedEvent;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An event delivered to a consumer group's handler. Returning from the handler acks it; throwing
 * retries it later; calling {@link #park(String)} moves it to the group's parked list (dead
 * letters) for a person to look at, and {@code ReplayParked} brings it back.
 */
public final class GroupDelivery {
    private final RecordedEvent event;
    private final int deliveryCount;
    private String parkReason;

    public GroupDelivery(RecordedEvent event, int deliveryCount) {
        this.event = requireNonNull(event, "event is null");
        this.deliveryCount = deliveryCount;
    }

    public RecordedEvent event() {
        return event;
    }

    /** 1 on the first delivery, higher on redeliveries (after a failure, a crash or a timeout). */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Settle this delivery as one that cannot be handled: it is parked instead of acked when the handler returns. */
    public void park(String reason) {
        this.parkReason = requireNonNull(reason, "reason is null");
    }

    /** The reason given to {@link #park(String)}, if the handler parked this delivery. */
    public Optional<String> parkReason() {
        return Optional.ofNullable(parkReason);
    }
}
