package io.eventline.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * An event as the store keeps it: its stream and version there (gap-free, from 1), its {@code $all}
 * position (an opaque resume token), its id, type, payload, metadata, and when Redis stored it.
 */
public record RecordedEvent(String stream, long version, String position, UUID eventId, String type, byte[] data, String contentType,
        Map<String, String> metadata, Instant recordedAt) {
    public RecordedEvent {
        requireNonNull(stream, "stream is null");
        requireNonNull(position, "position is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(type, "type is null");
        data = requireNonNull(data, "data is null").clone();
        requireNonNull(contentType, "contentType is null");
        metadata = Map.copyOf(metadata);
        requireNonNull(recordedAt, "recordedAt is null");
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The payload as UTF-8 text (JSON, for instance). */
    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        // an event is identified by its place in the store
        return other instanceof RecordedEvent that && stream.equals(that.stream) && version == that.version && eventId.equals(that.eventId);
    }

    @Override
    public int hashCode() {
        return stream.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "RecordedEvent[" + stream + "@" + version + " " + type + " " + eventId + " position=" + position + "]";
    }
}
