package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.StoreKeys;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Moves a pending delivery to its group's parked stream and acknowledges it, in one script that
 * copies what Redis stores for the entry (never what a client sent).
 */
final class Parker {
    private static final RedisScript PARK_SCRIPT = StoredField.script(Parker.class, "park.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final EventlineMetrics metrics;

    Parker(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventlineMetrics metrics) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** Parks the delivery if it is still pending for {@code group}; settled ones are left alone. */
    CompletableFuture<Void> park(GroupDefinition group, AckId ackId, String reason) {
        byte[][] scriptKeys = {ackId.key(keys, group), keys.parkedKey(ackId.partition(), group.name())};
        byte[] stream = ackId.kind() == AckId.Kind.STREAM ? group.target().stream().orElseThrow().utf8() : new byte[0];
        return PARK_SCRIPT.run(redis, scriptKeys, utf8(group.name()), utf8(ackId.entryId()), utf8(reason), stream)
                .thenApply(reply -> {
                    if (Long.valueOf(1).equals(reply.get(0))) {
                        metrics.parked(1);
                    }
                    return null;
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
