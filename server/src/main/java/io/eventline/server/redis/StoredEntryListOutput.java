package io.eventline.server.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an XRANGE/XREVRANGE reply (an array of [ID, [field, value, ...]]) into {@link StoredEntry}s:
 * the ID parsed from its ASCII bytes, the fields copied once into arrays. A nil ID (none is) fails the command.
 */
final class StoredEntryListOutput extends CommandOutput<byte[], byte[], List<StoredEntry>> {
    private final List<byte[]> fields = new ArrayList<>();
    private EntryId id;

    StoredEntryListOutput() {
        super(ByteArrayCodec.INSTANCE, new ArrayList<>());
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (id == null) {
            id = EntryId.parse(bytes);
            return;
        }
        byte[] value = new byte[bytes == null ? 0 : bytes.remaining()];
        if (bytes != null) {
            bytes.get(value);
        }
        fields.add(value);
    }

    @Override
    public void complete(int depth) {
        if (depth == 1) {
            output.add(new StoredEntry(id.millis(), id.sequence(), fields.toArray(byte[][]::new)));
            fields.clear();
            id = null;
        }
    }
}
