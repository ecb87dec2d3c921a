package io.eventline.loadtest.redis;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The KEYS and ARGV of the append script exactly as the server's EventAppender lays them out:
 * KEYS meta, stream, log; ARGV name, expected kind, expected version, dedup window, client-ids flag,
 * then id (16 bytes), type, data, content type, metadata per event. Keys come from the server's own
 * StoreKeys, in a namespace of the benchmark's.
 */
public final class ScriptAppendArguments {
    private final StoreKeys keys;
    private final EventEntryCodec codec = new EventEntryCodec();
    private final byte[] type;
    private final byte[] data;
    private final byte[] contentType;
    private final byte[] metadata;
    private final int dedupWindow;
    private final boolean clientIds;

    public ScriptAppendArguments(StoreKeys keys, String type, byte[] data, String contentType, int dedupWindow, boolean clientIds) {
        this.keys = requireNonNull(keys, "keys is null");
        this.type = requireNonNull(type, "type is null").getBytes(StandardCharsets.UTF_8);
        this.data = requireNonNull(data, "data is null").clone();
        this.contentType = requireNonNull(contentType, "contentType is null").getBytes(StandardCharsets.UTF_8);
        this.metadata = codec.encodeMetadata(Map.of());
        this.dedupWindow = dedupWindow;
        this.clientIds = clientIds;
    }

    public byte[][] keysFor(String stream) {
        StreamLocation location = keys.locate(StreamName.parse(stream, "stream"));
        return new byte[][] {location.metaKey(), location.streamKey(), location.logKey()};
    }

    /** Arguments for {@code events} events with expected version {@code any}. */
    public byte[][] argumentsFor(String stream, int events) {
        byte[][] args = new byte[5 + events * 5][];
        args[0] = stream.getBytes(StandardCharsets.UTF_8);
        args[1] = ascii("any");
        args[2] = ascii("0");
        args[3] = ascii(Integer.toString(dedupWindow));
        args[4] = ascii(clientIds ? "1" : "0");
        int next = 5;
        for (int i = 0; i < events; i++) {
            // the server makes a random id when the client sends none, so this costs the same
            args[next++] = codec.encodeEventId(UUID.randomUUID());
            args[next++] = type;
            args[next++] = data;
            args[next++] = contentType;
            args[next++] = metadata;
        }
        return args;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
