package io.eventline.server.store.subscribe;

import io.eventline.server.store.RecordedEvent;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An event handed to a subscriber; group deliveries carry the ack id that settles them. */
public record Delivery(RecordedEvent event, Optional<AckId> ackId, int deliveryCount) {
    public Delivery {
        requireNonNull(event, "event is null");
        requireNonNull(ackId, "ackId is null");
    }
}
