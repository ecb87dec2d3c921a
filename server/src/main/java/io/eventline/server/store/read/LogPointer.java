package io.eventline.server.store.read;

import io.eventline.server.store.Position;
import io.eventline.server.store.StoredField;
import io.eventline.server.store.StreamName;
import io.lettuce.core.StreamMessage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A partition log entry: fields stream, version and type ({@link StoredField}'s POINTER_*); its ID is the position. */
public record LogPointer(Position position, StreamName stream, long version, String type) {
    private static final byte[] STREAM = StoredField.POINTER_STREAM.bytes();
    private static final byte[] VERSION = StoredField.POINTER_VERSION.bytes();
    private static final byte[] TYPE = StoredField.POINTER_TYPE.bytes();

    public static LogPointer decode(int partition, StreamMessage<byte[], byte[]> message) {
        byte[] stream = null;
        byte[] version = null;
        byte[] type = null;
        for (Map.Entry<byte[], byte[]> field : message.getBody().entrySet()) {
            // a field of a later format version is ignored by this one
            if (Arrays.equals(field.getKey(), STREAM)) {
                stream = field.getValue();
            }
            else if (Arrays.equals(field.getKey(), VERSION)) {
                version = field.getValue();
            }
            else if (Arrays.equals(field.getKey(), TYPE)) {
                type = field.getValue();
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
