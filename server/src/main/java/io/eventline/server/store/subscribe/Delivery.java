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

    /** Roughly what the delivery weighs in memory and on the wire: its payload, names and a fixed overhead for the rest. */
    public long bytes() {
        long bytes = 128L + event.data().length + event.type().length() + event.stream().value().length() + event.contentType().length();
        for (var entry : event.metadata().entrySet()) {
            bytes += entry.getKey().length() + entry.getValue().length();
        }
        return bytes;
    }
}
