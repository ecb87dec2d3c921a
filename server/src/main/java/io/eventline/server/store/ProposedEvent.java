package io.eventline.server.store;

import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** An event a client asks to append, its id already assigned. */
public record ProposedEvent(UUID eventId, String type, byte[] data, String contentType, Map<String, String> metadata) {
    public ProposedEvent {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
        requireNonNull(contentType, "contentType is null");
        metadata = Map.copyOf(metadata);
    }
}
