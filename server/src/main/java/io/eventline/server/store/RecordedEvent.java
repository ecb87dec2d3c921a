package io.eventline.server.store;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** An event as stored. */
public record RecordedEvent(
        StreamName stream,
        long version,
        Position position,
        UUID eventId,
        String type,
        byte[] data,
        String contentType,
        Map<String, String> metadata) {
    public RecordedEvent {
        requireNonNull(stream, "stream is null");
        requireNonNull(position, "position is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        requireNonNull(data, "data is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(metadata, "metadata is null");
    }

    public Instant recordedAt() {
        return position.recordedAt();
    }
}
