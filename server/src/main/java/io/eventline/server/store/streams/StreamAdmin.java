package io.eventline.server.store.streams;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.Attempt;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.ScriptReply;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamDeletedException;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.StreamNotFoundException;
import io.eventline.server.store.WrongExpectedVersionException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** Stream management: info, soft and hard delete, retention. */
public final class StreamAdmin {
    private static final RedisScript DELETE_SCRIPT = StoredField.script(StreamAdmin.class, "delete.lua");
    private static final RedisScript PURGE_SCRIPT = StoredField.script(StreamAdmin.class, "purge_pointers.lua");
    /** Events whose pointers one purge script removes: bounds the script's work (events may be 1 MiB each). */
    private static final int PURGE_BATCH = 32;
    private static final RedisScript RETENTION_SCRIPT = StoredField.script(StreamAdmin.class, "set_retention.lua");
    private static final byte[][] INFO_FIELDS = {StoredField.META_VERSION.bytes(), StoredField.META_CREATED.bytes(), StoredField.META_DELETED.bytes(),
            StoredField.META_TOMBSTONE.bytes(), StoredField.META_MAX_COUNT.bytes(), StoredField.META_MAX_AGE.bytes()};

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final EventEntryCodec codec;

    public StreamAdmin(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    public CompletableFuture<StreamInfo> info(String streamName) {
        return Attempt.async(() -> info(keys.locate(StreamName.parse(streamName, "stream"))));
    }

    private CompletableFuture<StreamInfo> info(StreamLocation location) {
        String streamName = location.stream().value();
        var meta = redis.hmget(location.metaKey(), INFO_FIELDS).toCompletableFuture();
        var count = redis.xlen(location.streamKey()).toCompletableFuture();
        var first = redis.xrange(location.streamKey(), Range.unbounded(), Limit.from(1)).toCompletableFuture();
        var last = redis.xrevrange(location.streamKey(), Range.unbounded(), Limit.from(1)).toCompletableFuture();
        return CompletableFuture.allOf(meta, count, first, last).thenApply(ignored -> {
            List<KeyValue<byte[], byte[]>> values = meta.join();
            if (!values.get(0).hasValue()) {
                throw new StreamNotFoundException(streamName, "does not exist");
            }
            StreamState state = values.get(3).hasValue() ? StreamState.TOMBSTONED
                    : values.get(2).hasValue() ? StreamState.SOFT_DELETED : StreamState.ACTIVE;
            Optional<StreamMessage<byte[], byte[]>> firstEntry = first.join().stream().findFirst();
            return new StreamInfo(
                    streamName,
                    state,
                    number(values.get(0)),
                    count.join(),
                    firstEntry.map(entry -> codec.versionOf(entry.getId())).orElse(0L),
                    firstEntry.map(entry -> positionOf(location, entry)),
                    last.join().stream().findFirst().map(entry -> positionOf(location, entry)),
                    values.get(1).hasValue() ? Optional.of(Instant.ofEpochMilli(number(values.get(1)))) : Optional.empty(),
                    new Retention(number(values.get(4)), Duration.ofMillis(number(values.get(5)))));
        });
    }

    public CompletableFuture<Void> delete(String streamName, ExpectedVersion expected, boolean hard) {
        return Attempt.async(() -> delete(keys.locate(StreamName.parse(streamName, "stream")), expected, hard));
    }

    private CompletableFuture<Void> delete(StreamLocation location, ExpectedVersion expected, boolean hard) {
        String streamName = location.stream().value();
        byte[][] scriptKeys = {location.metaKey(), location.streamKey(), location.snapshotKey(), keys.purgeKey(location), location.ageKey()};
        String expectedVersion = expected instanceof ExpectedVersion.Exact exact ? Long.toString(exact.version()) : "0";
        return DELETE_SCRIPT.run(redis, scriptKeys, ascii(expected.kind()), ascii(expectedVersion), ascii(hard ? "1" : "0"))
                .thenCompose(elements -> {
                    ScriptReply reply = new ScriptReply(elements);
                    // a purge cut short (the server stopped) goes on when the hard delete is repeated
                    CompletableFuture<Void> purged = hard && (reply.outcome().equals("OK") || reply.outcome().equals("DELETED"))
                            ? purge(location) : CompletableFuture.completedFuture(null);
                    return purged.thenRun(() -> {
                        switch (reply.outcome()) {
                            case "OK" -> {
                            }
                            case "WRONG" -> throw new WrongExpectedVersionException(streamName, expected, reply.number(1));
                            case "DELETED" -> throw new StreamDeletedException(streamName);
                            case "MISSING" -> throw new StreamNotFoundException(streamName, "has no events to delete");
                            default -> throw new IllegalStateException("delete script replied " + reply.outcome());
                        }
                    });
                });
    }

    /** Removes a hard-deleted stream's $all pointers, a few events per script so no call's cost depends on the stream's size. */
    private CompletableFuture<Void> purge(StreamLocation location) {
        byte[][] scriptKeys = {keys.purgeKey(location), location.logKey()};
        return PURGE_SCRIPT.run(redis, scriptKeys, ascii(Integer.toString(PURGE_BATCH))).thenCompose(reply -> (Long) reply.get(0) < PURGE_BATCH
                ? CompletableFuture.completedFuture(null)
                : purge(location));
    }

    /** Sets a stream's retention; the count limit applies at once, the age limit at the next append (reads honour both at once). */
    public CompletableFuture<Void> setRetention(String streamName, Retention retention) {
        return Attempt.async(() -> {
            if (retention.maxAge().toMillis() == 0 && !retention.maxAge().isZero()) {
                throw new InvalidArgumentException("retention.max_age", "max age is below one millisecond");
            }
            return setRetention(keys.locate(StreamName.parse(streamName, "stream")), retention);
        });
    }

    private CompletableFuture<Void> setRetention(StreamLocation location, Retention retention) {
        String streamName = location.stream().value();
        byte[][] scriptKeys = {location.metaKey(), location.streamKey(), location.ageKey()};
        return RETENTION_SCRIPT.run(redis, scriptKeys, ascii(Long.toString(retention.maxCount())), ascii(Long.toString(retention.maxAge().toMillis())))
                .thenAccept(elements -> {
                    ScriptReply reply = new ScriptReply(elements);
                    switch (reply.outcome()) {
                        case "OK" -> {
                        }
                        case "DELETED" -> throw new StreamDeletedException(streamName);
                        case "MISSING" -> throw new StreamNotFoundException(streamName, "was never written; append to it before setting its retention");
                        default -> throw new IllegalStateException("retention script replied " + reply.outcome());
                    }
                });
    }

    private Position positionOf(StreamLocation location, StreamMessage<byte[], byte[]> entry) {
        return codec.decode(location.stream(), location.partition(), entry).position();
    }

    private static long number(KeyValue<byte[], byte[]> value) {
        return value.hasValue() ? Long.parseLong(new String(value.getValue(), StandardCharsets.US_ASCII)) : 0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
