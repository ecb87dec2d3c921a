package io.eventline.server.redis;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Range reads of stream keys decoded into {@link StoredEntry}s ({@link StoredEntryListOutput}): the
 * read paths' XRANGE and XREVRANGE, without a map per entry. IDs are Redis's range arguments: an
 * entry ID, {@code -}, {@code +}, or {@code (} before an ID for an exclusive bound.
 */
public final class StoredEntries {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;

    public StoredEntries(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    /** XRANGE key from to COUNT count. */
    public CompletableFuture<List<StoredEntry>> range(byte[] key, String from, String to, long count) {
        return read(CommandType.XRANGE, key, from, to, count);
    }

    /** XREVRANGE key from to COUNT count ({@code from} is the higher bound). */
    public CompletableFuture<List<StoredEntry>> reverseRange(byte[] key, String from, String to, long count) {
        return read(CommandType.XREVRANGE, key, from, to, count);
    }

    /** The entry with this ID, if there is one: an empty list or a list of one. */
    public CompletableFuture<List<StoredEntry>> entry(byte[] key, String id) {
        return range(key, id, id, 1);
    }

    private CompletableFuture<List<StoredEntry>> read(CommandType command, byte[] key, String from, String to, long count) {
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).add(from).add(to).add("COUNT").add(count);
        return redis.dispatch(command, new StoredEntryListOutput(), args).toCompletableFuture();
    }
}
