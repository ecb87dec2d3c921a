package io.eventline.server.store.streams;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.Attempt;
import io.eventline.server.store.FailedPreconditionException;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.ScriptReply;
import io.eventline.server.store.SnapshotNotFoundException;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamDeletedException;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.StreamNotFoundException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The latest snapshot of each stream, kept beside it in the same hash slot and deleted with it. */
public final class SnapshotStore {
    private static final RedisScript SAVE_SCRIPT = StoredField.script(SnapshotStore.class, "save_snapshot.lua");
    private static final byte[][] FIELDS = {StoredField.SNAPSHOT_VERSION.bytes(), StoredField.SNAPSHOT_DATA.bytes(),
            StoredField.SNAPSHOT_CONTENT_TYPE.bytes(), StoredField.SNAPSHOT_SAVED.bytes()};

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final int maxSnapshotBytes;

    public SnapshotStore(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, int maxSnapshotBytes) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.maxSnapshotBytes = maxSnapshotBytes;
    }

    public CompletableFuture<Void> save(String streamName, long version, byte[] data, String contentType) {
        return Attempt.async(() -> {
            StreamLocation location = keys.locate(StreamName.parse(streamName, "stream"));
            if (version < 1) {
                throw new InvalidArgumentException("version", "a snapshot is of a version of at least 1");
            }
            if (data.length > maxSnapshotBytes) {
                throw new InvalidArgumentException("data", "snapshot is " + data.length
                        + " bytes; the limit is " + maxSnapshotBytes);
            }
            return save(location, version, data, contentType);
        });
    }

    private CompletableFuture<Void> save(StreamLocation location, long version, byte[] data, String contentType) {
        String streamName = location.stream().value();
        byte[][] scriptKeys = {location.metaKey(), location.snapshotKey()};
        return SAVE_SCRIPT.run(redis, scriptKeys, ascii(Long.toString(version)), data, contentType.getBytes(StandardCharsets.UTF_8))
                .thenAccept(elements -> {
                    ScriptReply reply = new ScriptReply(elements);
                    switch (reply.outcome()) {
                        case "OK" -> {
                        }
                        case "MISSING" -> throw new StreamNotFoundException(streamName, "has no events to snapshot");
                        case "DELETED" -> throw new StreamDeletedException(streamName);
                        case "AHEAD" -> throw new FailedPreconditionException("stream '" + streamName + "' is at version "
                                + reply.number(1) + "; a snapshot cannot be of version " + version);
                        case "OLDER" -> throw new FailedPreconditionException("stream '" + streamName + "' already has a snapshot at version "
                                + reply.number(1) + ", newer than " + version);
                        default -> throw new IllegalStateException("snapshot script replied " + reply.outcome());
                    }
                });
    }

    public CompletableFuture<Snapshot> load(String streamName) {
        return Attempt.async(() -> {
            StreamLocation location = keys.locate(StreamName.parse(streamName, "stream"));
            return redis.hmget(location.snapshotKey(), FIELDS).toCompletableFuture().thenApply(values -> toSnapshot(streamName, values));
        });
    }

    private static Snapshot toSnapshot(String streamName, List<KeyValue<byte[], byte[]>> values) {
        if (!values.get(0).hasValue()) {
            throw new SnapshotNotFoundException(streamName);
        }
        return new Snapshot(
                streamName,
                Long.parseLong(new String(values.get(0).getValue(), StandardCharsets.US_ASCII)),
                values.get(1).getValue(),
                new String(values.get(2).getValue(), StandardCharsets.UTF_8),
                Instant.ofEpochMilli(Long.parseLong(new String(values.get(3).getValue(), StandardCharsets.US_ASCII))));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
