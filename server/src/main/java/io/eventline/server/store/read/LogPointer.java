package io.eventline.server.store.read;

import io.eventline.server.store.Position;
import io.eventline.server.store.StreamName;
import io.lettuce.core.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A partition log entry: fields {@code s} stream, {@code v} version, {@code t} type; its ID is the position. */
public record LogPointer(Position position, StreamName stream, long version, String type) {
    public static LogPointer decode(int partition, StreamMessage<byte[], byte[]> message) {
        byte[] stream = null;
        byte[] version = null;
        byte[] type = null;
        for (Map.Entry<byte[], byte[]> field : message.getBody().entrySet()) {
            switch (field.getKey()[0]) {
                case 's' -> stream = field.getValue();
                case 'v' -> version = field.getValue();
                case 't' -> type = field.getValue();
                default -> {
                    // a field of a later format version: ignored by this one
                }
            }
        }
        if (stream == null || version == null || type == null) {
            throw new IllegalStateException("log entry " + message.getId() + " of partition " + partition + " is not a pointer");
        }
        return new LogPointer(
                Position.ofEntryId(partition, message.getId()),
                StreamName.fromStored(stream),
                Long.parseLong(new String(version, StandardCharsets.US_ASCII)),
                new String(type, StandardCharsets.UTF_8));
    }
}
