package io.eventline.server.store;

import io.lettuce.core.StreamMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The fields of one event's entry in its stream key, kept short and, where cheap, binary:
 * {@code i} event id (16 bytes), {@code t} type, {@code d} data, {@code c} content type,
 * {@code m} metadata (length-prefixed pairs), {@code p} the $all log entry ID.
 * Every entry has the same fields, so Redis stores the field names once per listpack node.
 */
public final class EventEntryCodec {
    public byte[] encodeEventId(UUID eventId) {
        return ByteBuffer.allocate(16)
                .putLong(eventId.getMostSignificantBits())
                .putLong(eventId.getLeastSignificantBits())
                .array();
    }

    public UUID decodeEventId(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    public byte[] encodeMetadata(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metadata.forEach((key, value) -> {
            writeChunk(out, key.getBytes(StandardCharsets.UTF_8));
            writeChunk(out, value.getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }

    public Map<String, String> decodeMetadata(byte[] bytes) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            String key = readChunk(buffer);
            metadata.put(key, readChunk(buffer));
        }
        return metadata;
    }

    /** Decodes an entry of a stream key; the entry ID is {@code 0-<version>}. */
    public RecordedEvent decode(StreamName stream, int partition, StreamMessage<byte[], byte[]> message) {
        byte[] eventId = null;
        byte[] type = null;
        byte[] data = null;
        byte[] contentType = null;
        byte[] metadata = null;
        byte[] position = null;
        for (Map.Entry<byte[], byte[]> field : message.getBody().entrySet()) {
            switch (field.getKey()[0]) {
                case 'i' -> eventId = field.getValue();
                case 't' -> type = field.getValue();
                case 'd' -> data = field.getValue();
                case 'c' -> contentType = field.getValue();
                case 'm' -> metadata = field.getValue();
                case 'p' -> position = field.getValue();
                default -> {
                    // a field of a later format version: ignored by this one
                }
            }
        }
        if (eventId == null || type == null || data == null || position == null) {
            throw new IllegalStateException("stream '" + stream + "' entry " + message.getId() + " is not an event entry");
        }
        return new RecordedEvent(
                stream,
                versionOf(message.getId()),
                Position.ofEntryId(partition, new String(position, StandardCharsets.US_ASCII)),
                decodeEventId(eventId),
                new String(type, StandardCharsets.UTF_8),
                data,
                contentType == null ? "" : new String(contentType, StandardCharsets.UTF_8),
                metadata == null ? Map.of() : decodeMetadata(metadata));
    }

    /** The version in a stream entry ID {@code 0-<version>}. */
    public long versionOf(String entryId) {
        return Long.parseLong(entryId.substring(entryId.indexOf('-') + 1));
    }

    public String entryIdOf(long version) {
        return "0-" + version;
    }

    private static void writeChunk(ByteArrayOutputStream out, byte[] chunk) {
        int length = chunk.length;
        while (length >= 0x80) {
            out.write((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(chunk);
    }

    private static String readChunk(ByteBuffer buffer) {
        int length = 0;
        int shift = 0;
        int next;
        do {
            next = buffer.get() & 0xFF;
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);
        byte[] chunk = new byte[length];
        buffer.get(chunk);
        return new String(chunk, StandardCharsets.UTF_8);
    }
}
