package io.eventline.server.store;

import io.eventline.server.redis.EntryId;
import io.eventline.server.redis.StoredEntry;
import io.lettuce.core.StreamMessage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields of one event's entry in its stream key, kept short and, where cheap, binary:
 * {@code i} event id (16 bytes), {@code t} type, {@code d} data, {@code c} content type,
 * {@code m} metadata (length-prefixed pairs), {@code p} the $all log entry ID.
 * Every entry has the same fields, so Redis stores the field names once per listpack node.
 */
public final class EventEntryCodec {
    private static final byte[] EVENT_ID = StoredField.EVENT_ID.bytes();
    private static final byte[] TYPE = StoredField.EVENT_TYPE.bytes();
    private static final byte[] DATA = StoredField.EVENT_DATA.bytes();
    private static final byte[] CONTENT_TYPE = StoredField.EVENT_CONTENT_TYPE.bytes();
    private static final byte[] METADATA = StoredField.EVENT_METADATA.bytes();
    private static final byte[] POSITION = StoredField.EVENT_POSITION.bytes();

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
        List<byte[]> fieldsAndValues = new ArrayList<>(message.getBody().size() * 2);
        message.getBody().forEach((field, value) -> {
            fieldsAndValues.add(field);
            fieldsAndValues.add(value);
        });
        EntryId id = EntryId.parse(message.getId().getBytes(StandardCharsets.US_ASCII));
        return decode(stream, partition, new StoredEntry(id.millis(), id.sequence(), fieldsAndValues.toArray(byte[][]::new)));
    }

    /** Decodes an entry of a stream key, as the read paths fetch it ({@link io.eventline.server.redis.StoredEntries}). */
    public RecordedEvent decode(StreamName stream, int partition, StoredEntry entry) {
        byte[] eventId = entry.field(EVENT_ID);
        byte[] type = entry.field(TYPE);
        byte[] data = entry.field(DATA);
        byte[] contentType = entry.field(CONTENT_TYPE);
        byte[] metadata = entry.field(METADATA);
        byte[] position = entry.field(POSITION);
        if (eventId == null || type == null || data == null || position == null) {
            throw new IllegalStateException("stream '" + stream + "' entry " + entry.id() + " is not an event entry");
        }
        return new RecordedEvent(
                stream,
                entry.sequence(),
                Position.ofEntryId(partition, position),
                decodeEventId(eventId),
                new String(type, StandardCharsets.UTF_8),
                data,
                contentType == null || contentType.length == 0 ? "" : new String(contentType, StandardCharsets.UTF_8),
                metadata == null || metadata.length == 0 ? Map.of() : decodeMetadata(metadata));
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
