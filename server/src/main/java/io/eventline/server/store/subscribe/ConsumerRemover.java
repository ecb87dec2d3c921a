package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Takes a consumer out of a group: its pending deliveries go back to the group at once (the next
 * reclaim by any consumer takes them) and Redis forgets the consumer, in one script per key.
 */
final class ConsumerRemover {
    private static final RedisScript RELEASE_SCRIPT = StoredField.script(ConsumerRemover.class, "release_consumer.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;

    ConsumerRemover(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    /** Removes {@code consumer} from every key of the group; replies how many pending deliveries it handed back. */
    CompletableFuture<Long> remove(GroupDefinition group, List<GroupSource> sources, String consumer) {
        List<CompletableFuture<Long>> released = new ArrayList<>();
        for (GroupSource source : sources) {
            for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                released.add(remove(group, key, consumer));
            }
        }
        return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> released.stream().mapToLong(CompletableFuture::join).sum());
    }

    /** Removes {@code consumer} from the group on one key. */
    CompletableFuture<Long> remove(GroupDefinition group, byte[] key, String consumer) {
        return RELEASE_SCRIPT.run(redis, new byte[][] {key}, utf8(group.name()), utf8(consumer), utf8(DeliverySettler.RETRY_CONSUMER),
                utf8(Long.toString(group.settings().ackTimeout().toMillis()))).thenApply(reply -> (Long) reply.get(0));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
