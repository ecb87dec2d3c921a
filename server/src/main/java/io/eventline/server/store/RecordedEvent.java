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

    /** Roughly what the event weighs in memory and on the wire: its payload, names and a fixed overhead for the rest. */
    public long approximateBytes() {
        long bytes = 128L + data.length + type.length() + stream.value().length() + contentType.length();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            bytes += entry.getKey().length() + entry.getValue().length();
        }
        return bytes;
    }
}
