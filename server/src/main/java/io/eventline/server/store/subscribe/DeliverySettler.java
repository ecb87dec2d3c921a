package io.eventline.server.store.subscribe;

import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.Attempt;
import io.eventline.server.store.Caller;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.StoreKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Ack and Nack. Every ack id of a call is opened (checked to be one this store sealed for the
 * group) before anything is settled; then the entries are settled with one command per key, so any
 * instance settles any delivery. A retry hands the entry to a placeholder consumer with its idle
 * time set so that it becomes reclaimable after the delay; the next reclaim delivers it again with
 * a higher count. Settling an entry that is no longer pending changes nothing and succeeds.
 */
public final class DeliverySettler {
    /** Owns entries waiting for a retry; never reads. */
    static final String RETRY_CONSUMER = "$retry";
    /** Ack ids one Ack or Nack may carry. */
    public static final int MAX_ACK_IDS = 1000;

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final GroupStore groups;
    private final AckKeyring keyring;
    private final Parker parker;
    private final SubscriptionHub hub;

    public DeliverySettler(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, GroupStore groups, AckKeyring keyring, SubscriptionHub hub,
            EventlineMetrics metrics) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.parker = new Parker(redis, keys, metrics);
        this.hub = requireNonNull(hub, "hub is null");
    }

    public enum NackAction {
        RETRY, PARK, SKIP
    }

    public CompletableFuture<Void> ack(String group, List<String> ackIds, Caller caller) {
        return settle(group, ackIds, caller, (definition, byKey) -> xack(definition, byKey));
    }

    public CompletableFuture<Void> nack(String group, List<String> ackIds, NackAction action, Duration retryDelay, String reason, Caller caller) {
        return settle(group, ackIds, caller, (definition, byKey) -> switch (action) {
            case SKIP -> xack(definition, byKey);
            case PARK -> park(definition, byKey, reason.isEmpty() ? "parked by a nack" : reason);
            case RETRY -> retryLater(definition, byKey, retryDelay);
        }).thenRun(() -> {
            if (action == NackAction.RETRY && retryDelay.isZero()) {
                hub.reclaimSoon(group);
            }
        });
    }

    private interface Settlement {
        CompletableFuture<?> apply(GroupDefinition definition, Map<ByteBuffer, List<AckId>> byKey);
    }

    private CompletableFuture<Void> settle(String group, List<String> tokens, Caller caller, Settlement settlement) {
        return Attempt.async(() -> {
            if (tokens.isEmpty()) {
                throw new InvalidArgumentException("ack_ids", "no ack ids given");
            }
            if (tokens.size() > MAX_ACK_IDS) {
                throw new InvalidArgumentException("ack_ids", tokens.size() + " ack ids; at most " + MAX_ACK_IDS + " per call");
            }
            // the ids first: a made-up one is a bad request whether or not the group exists
            return keyring.open(group, tokens, "ack_ids").thenCompose(ackIds -> groups.get(group, caller).thenCompose(definition -> {
                Map<ByteBuffer, List<AckId>> byKey = new LinkedHashMap<>();
                for (AckId ackId : ackIds) {
                    if (ackId.partition() >= keys.partitions()) {
                        throw new InvalidArgumentException("ack_ids", "names partition " + ackId.partition() + " of a store with " + keys.partitions());
                    }
                    byKey.computeIfAbsent(ByteBuffer.wrap(ackId.key(keys, definition)), key -> new ArrayList<>()).add(ackId);
                }
                return settlement.apply(definition, byKey).thenRun(() -> hub.settled(group, ackIds));
            }));
        });
    }

    private CompletableFuture<?> xack(GroupDefinition group, Map<ByteBuffer, List<AckId>> byKey) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        byKey.forEach((key, ackIds) -> acks.add(redis.xack(key.array(), utf8(group.name()), entryIds(ackIds)).toCompletableFuture()));
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> park(GroupDefinition group, Map<ByteBuffer, List<AckId>> byKey, String reason) {
        List<CompletableFuture<?>> parked = new ArrayList<>();
        byKey.values().forEach(ackIds -> ackIds.forEach(ackId -> parked.add(parker.park(group, ackId, reason))));
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> retryLater(GroupDefinition group, Map<ByteBuffer, List<AckId>> byKey, Duration delay) {
        // reclaimable once idle for the ack timeout: start it idle for (timeout - delay)
        Duration timeout = group.settings().ackTimeout();
        long idle = delay.compareTo(timeout) >= 0 ? 0 : timeout.minus(delay).toMillis();
        XClaimArgs args = XClaimArgs.Builder.justid().idle(Duration.ofMillis(idle));
        Consumer<byte[]> retry = Consumer.from(utf8(group.name()), utf8(RETRY_CONSUMER));
        List<CompletableFuture<?>> claims = new ArrayList<>();
        byKey.forEach((key, ackIds) -> claims.add(redis.xclaim(key.array(), retry, args, entryIds(ackIds)).toCompletableFuture()));
        return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new));
    }

    private static String[] entryIds(List<AckId> ackIds) {
        return ackIds.stream().map(AckId::entryId).toArray(String[]::new);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
