package io.eventline.server.store.subscribe;

import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StoreKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Ack and Nack. An ack id names the key and entry to settle, so any instance settles any delivery.
 * A retry hands the entry to a placeholder consumer with its idle time set so that it becomes
 * reclaimable after the delay; the next reclaim delivers it again with a higher count.
 */
public final class DeliverySettler {
    /** Owns entries waiting for a retry; never reads. */
    static final String RETRY_CONSUMER = "$retry";

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final GroupStore groups;
    private final Parker parker;
    private final SubscriptionHub hub;

    public DeliverySettler(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, GroupStore groups, SubscriptionHub hub,
            EventlineMetrics metrics) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.parker = new Parker(redis, metrics);
        this.hub = requireNonNull(hub, "hub is null");
    }

    public enum NackAction {
        RETRY, PARK, SKIP
    }

    public CompletableFuture<Void> ack(String group, List<String> ackIds) {
        return settle(group, ackIds, (definition, ackId) -> xack(group, ackId));
    }

    public CompletableFuture<Void> nack(String group, List<String> ackIds, NackAction action, Duration retryDelay, String reason) {
        return settle(group, ackIds, (definition, ackId) -> switch (action) {
            case SKIP -> xack(group, ackId);
            case PARK -> parker.park(group, ackId.key(keys, group), keys.parkedKey(ackId.partition(), group), ackId, "",
                    reason.isEmpty() ? "parked by a nack" : reason, 0);
            case RETRY -> retryLater(group, definition, ackId, retryDelay);
        }).thenRun(() -> {
            if (action == NackAction.RETRY && retryDelay.isZero()) {
                hub.reclaimSoon(group);
            }
        });
    }

    private interface Settlement {
        CompletableFuture<?> apply(GroupDefinition definition, AckId ackId);
    }

    private CompletableFuture<Void> settle(String group, List<String> tokens, Settlement settlement) {
        if (tokens.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidArgumentException("ack_ids", "no ack ids given"));
        }
        List<AckId> ackIds = new ArrayList<>(tokens.size());
        try {
            for (int i = 0; i < tokens.size(); i++) {
                AckId ackId = AckId.decode(tokens.get(i), "ack_ids[" + i + "]");
                if (ackId.partition() < 0 || ackId.partition() >= keys.partitions()) {
                    throw new InvalidArgumentException("ack_ids[" + i + "]", "names partition " + ackId.partition() + " of a store with " + keys.partitions());
                }
                ackIds.add(ackId);
            }
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return groups.get(group).thenCompose(definition -> {
            List<CompletableFuture<?>> settled = new ArrayList<>();
            for (AckId ackId : ackIds) {
                settled.add(settlement.apply(definition, ackId));
            }
            return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
        }).thenRun(() -> hub.settled(group, ackIds));
    }

    private CompletableFuture<Long> xack(String group, AckId ackId) {
        return redis.xack(ackId.key(keys, group), utf8(group), ackId.entryId()).toCompletableFuture();
    }

    private CompletableFuture<?> retryLater(String group, GroupDefinition definition, AckId ackId, Duration delay) {
        // reclaimable once idle for the ack timeout: start it idle for (timeout - delay)
        long idle = Math.max(0, definition.settings().ackTimeout().toMillis() - delay.toMillis());
        XClaimArgs args = XClaimArgs.Builder.justid().idle(Duration.ofMillis(idle));
        return redis.xclaim(ackId.key(keys, group), Consumer.from(utf8(group), utf8(RETRY_CONSUMER)), args, ackId.entryId()).toCompletableFuture();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
