package io.eventline.client.append;

import com.google.protobuf.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * An event proposed for appending: a type, a payload of bytes with its content type, and metadata.
 * Its id is chosen here, on the client, when it is built: a retry of an append whose reply was lost
 * carries the same ids, so the server recognises it and writes nothing twice.
 */
public final class EventData {
    private final UUID eventId;
    private final String type;
    private final byte[] data;
    private final String contentType;
    private final Map<String, String> metadata;

    private EventData(UUID eventId, String type, byte[] data, String contentType, Map<String, String> metadata) {
        this.eventId = requireNonNull(eventId, "eventId is null");
        this.type = requireNonNull(type, "type is null");
        this.data = requireNonNull(data, "data is null").clone();
        this.contentType = requireNonNull(contentType, "contentType is null");
        this.metadata = Map.copyOf(metadata);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type is empty");
        }
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** An event with a JSON payload given as text. */
    public static EventData json(String type, String json) {
        return builder(type).data(json.getBytes(StandardCharsets.UTF_8)).contentType("application/json").build();
    }

    public UUID eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public byte[] data() {
        return data.clone();
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The wire form. */
    public io.eventline.proto.v1.EventData toProto() {
        return io.eventline.proto.v1.EventData.newBuilder()
                .setEventId(eventId.toString())
                .setType(type)
                .setData(ByteString.copyFrom(data))
                .setContentType(contentType)
                .putAllMetadata(metadata)
                .build();
    }

    @Override
    public String toString() {
        return "EventData[" + type + " " + eventId + ", " + data.length + " bytes " + contentType + ", metadata=" + metadata + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventData that && eventId.equals(that.eventId) && type.equals(that.type) && Arrays.equals(data, that.data)
                && contentType.equals(that.contentType) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    public static final class Builder {
        private final String type;
        private UUID eventId;
        private byte[] data = new byte[0];
        private String contentType = "";
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String type) {
            this.type = requireNonNull(type, "type is null");
        }

        /** Sets the id; by default a random UUID is chosen at {@link #build()}. */
        public Builder eventId(UUID eventId) {
            this.eventId = requireNonNull(eventId, "eventId is null");
            return this;
        }

        public Builder data(byte[] data) {
            this.data = requireNonNull(data, "data is null").clone();
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = requireNonNull(contentType, "contentType is null");
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public Builder metadata(Map<String, String> entries) {
            entries.forEach(this::metadata);
            return this;
        }

        public EventData build() {
            return new EventData(eventId == null ? UUID.randomUUID() : eventId, type, data, contentType, metadata);
        }
    }
}
