package io.eventline.loadtest.operation;

import io.lettuce.core.TransactionResult;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The classic optimistic append without a script, on a connection of its own: WATCH the version key
 * and GET it (sent together), then MULTI, XADD with entry ID {@code 0-<version>}, SET the version,
 * EXEC (sent together). EXEC answers nil when another client changed the version key in between.
 */
final class WatchMultiTransaction {
    private WatchMultiTransaction() {
    }

    static byte[] streamKey(String prefix, String stream) {
        return (prefix + "w:" + stream).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] versionKey(String prefix, String stream) {
        return (prefix + "wv:" + stream).getBytes(StandardCharsets.UTF_8);
    }

    /** WATCHes the version key and reads the stream's version (0 when it has none yet). */
    static CompletableFuture<Long> watchVersion(RedisAsyncCommands<byte[], byte[]> redis, byte[] versionKey) {
        redis.watch(versionKey);
        return redis.get(versionKey).toCompletableFuture()
                .thenApply(value -> value == null ? 0L : Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
    }

    static CompletableFuture<Void> unwatch(RedisAsyncCommands<byte[], byte[]> redis) {
        return redis.unwatch().toCompletableFuture().thenApply(ignored -> null);
    }

    /** Writes the event as {@code version}; true when EXEC ran it, false when the WATCH aborted it. */
    static CompletableFuture<Boolean> commit(RedisAsyncCommands<byte[], byte[]> redis, byte[] streamKey, byte[] versionKey,
            long version, Map<byte[], byte[]> fields) {
        redis.multi();
        redis.xadd(streamKey, new XAddArgs().id("0-" + version), fields);
        redis.set(versionKey, Long.toString(version).getBytes(StandardCharsets.US_ASCII));
        return redis.exec().toCompletableFuture().thenApply(WatchMultiTransaction::committed);
    }

    private static boolean committed(TransactionResult result) {
        if (result.wasDiscarded()) {
            return false;
        }
        for (Object reply : result) {
            if (reply instanceof Exception e) {
                throw new CompletionException(e);
            }
        }
        return true;
    }
}
