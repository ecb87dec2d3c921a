package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Moves parked messages back to a group's replay stream in chunks of at most {@link #CHUNK} per
 * script call, so that one call never holds Redis for as long as a client's parked backlog is big.
 */
final class ParkedReplay {
    static final int CHUNK = 1_000;
    private static final RedisScript SCRIPT = StoredField.script(ParkedReplay.class, "replay_parked.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;

    ParkedReplay(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    /** Moves up to {@code maxCount} messages (all when 0) from {@code parkedKey} to {@code replayKey}; completes with how many moved. */
    CompletableFuture<Long> move(byte[] parkedKey, byte[] replayKey, long maxCount) {
        return moveFrom(parkedKey, replayKey, maxCount == 0 ? Long.MAX_VALUE : maxCount, 0);
    }

    private CompletableFuture<Long> moveFrom(byte[] parkedKey, byte[] replayKey, long remaining, long movedSoFar) {
        long chunk = Math.min(remaining, CHUNK);
        byte[][] keys = {parkedKey, replayKey};
        return SCRIPT.run(redis, keys, Long.toString(chunk).getBytes(StandardCharsets.US_ASCII)).thenCompose(reply -> {
            long moved = (Long) reply.get(0);
            long total = movedSoFar + moved;
            // a short chunk means the parked stream is empty
            return moved < chunk || moved == remaining
                    ? CompletableFuture.completedFuture(total)
                    : moveFrom(parkedKey, replayKey, remaining - moved, total);
        });
    }
}
