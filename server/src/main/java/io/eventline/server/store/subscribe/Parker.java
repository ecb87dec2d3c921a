package io.eventline.server.store.subscribe;

import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.read.LogPointer;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** Moves a pending delivery to its group's parked stream and acknowledges it, in one script. */
final class Parker {
    private static final RedisScript PARK_SCRIPT = RedisScript.fromResource(Parker.class, "park.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final EventlineMetrics metrics;

    Parker(RedisClusterAsyncCommands<byte[], byte[]> redis, EventlineMetrics metrics) {
        this.redis = requireNonNull(redis, "redis is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** Parks a delivery named by its ack id (a Nack PARK). */
    CompletableFuture<Void> park(String group, byte[] pendingKey, byte[] parkedKey, AckId ackId, String type, String reason, int deliveryCount) {
        byte[][] keys = {pendingKey, parkedKey};
        return PARK_SCRIPT.run(redis, keys,
                        utf8(group), utf8(ackId.entryId()), ackId.stream().utf8(), utf8(Long.toString(ackId.version())),
                        utf8(type), utf8(reason), utf8(Integer.toString(deliveryCount)))
                .thenApply(reply -> {
                    if (Long.valueOf(1).equals(reply.get(0))) {
                        metrics.parked(1);
                    }
                    return null;
                });
    }

    /** Parks an entry the group just claimed (past max deliveries). */
    CompletableFuture<Void> parkEntry(GroupDefinition group, GroupSource source, PendingEntries.Entry entry, String reason) {
        byte[] key = entry.key();
        AckId ackId;
        String type;
        if (source.kind() == AckId.Kind.STREAM && !source.isReplay(key)) {
            byte[] typeBytes = entry.message().getBody().entrySet().stream()
                    .filter(field -> field.getKey()[0] == 't').map(java.util.Map.Entry::getValue).findFirst().orElse(new byte[0]);
            type = new String(typeBytes, StandardCharsets.UTF_8);
            long version = Long.parseLong(entry.message().getId().substring(entry.message().getId().indexOf('-') + 1));
            ackId = new AckId(AckId.Kind.STREAM, source.partition(), entry.message().getId(), group.target().stream().orElseThrow(), version);
        }
        else {
            LogPointer pointer = LogPointer.decode(source.partition(), entry.message());
            type = pointer.type();
            ackId = new AckId(source.isReplay(key) ? AckId.Kind.REPLAY : AckId.Kind.LOG, source.partition(), entry.message().getId(),
                    pointer.stream(), pointer.version());
        }
        return park(group.name(), key, source.parkedKey(), ackId, type, reason, entry.deliveryCount());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
