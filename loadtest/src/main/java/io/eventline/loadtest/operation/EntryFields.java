package io.eventline.loadtest.operation;

import io.eventline.server.store.EventEntryCodec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The fields of a raw baseline entry: the event as the server stores it (id as 16 bytes, type,
 * data, content type, metadata), without the server's position field.
 */
public final class EntryFields {
    private final EventEntryCodec codec = new EventEntryCodec();
    private final byte[] type;
    private final byte[] data;
    private final byte[] contentType;
    private final byte[] metadata;

    public EntryFields(EventFactory events) {
        requireNonNull(events, "events is null");
        this.type = events.type().getBytes(StandardCharsets.UTF_8);
        this.data = events.payload();
        this.contentType = events.contentType().getBytes(StandardCharsets.UTF_8);
        this.metadata = codec.encodeMetadata(Map.of());
    }

    /** A fresh entry body with a new random id. */
    public Map<byte[], byte[]> next() {
        Map<byte[], byte[]> body = new LinkedHashMap<>();
        body.put(bytes("i"), codec.encodeEventId(UUID.randomUUID()));
        body.put(bytes("t"), type);
        body.put(bytes("d"), data);
        body.put(bytes("c"), contentType);
        body.put(bytes("m"), metadata);
        return body;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
