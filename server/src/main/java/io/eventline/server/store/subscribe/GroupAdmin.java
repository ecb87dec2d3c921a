package io.eventline.server.store.subscribe;

import io.eventline.server.store.InvalidArgumentException;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** Describing a group, removing a consumer, replaying parked messages. */
public final class GroupAdmin {
    /** Lag is counted up to this many entries per source (Redis 6.2 keeps no lag counter). */
    static final long LAG_COUNT_LIMIT = 100_000;

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final GroupStore groups;
    private final SubscriptionHub hub;
    private final ParkedReplay parkedReplay;

    public GroupAdmin(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupStore groups, SubscriptionHub hub) {
        this.redis = requireNonNull(redis, "redis is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.parkedReplay = new ParkedReplay(redis);
    }

    public CompletableFuture<GroupStatus> describe(String group) {
        return groups.get(group).thenCompose(definition -> {
            List<CompletableFuture<SourceStatus>> statuses = new ArrayList<>();
            for (GroupSource source : groups.sources(definition)) {
                statuses.add(sourceStatus(group, source));
            }
            return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                long lag = 0;
                long pending = 0;
                long parked = 0;
                long oldestIdle = 0;
                Map<String, long[]> consumers = new LinkedHashMap<>();
                for (CompletableFuture<SourceStatus> future : statuses) {
                    SourceStatus status = future.join();
                    lag += status.lag();
                    pending += status.pending().size();
                    parked += status.parked();
                    for (PendingMessage message : status.pending()) {
                        oldestIdle = Math.max(oldestIdle, message.getMsSinceLastDelivery());
                    }
                    status.consumers().forEach((name, counts) -> {
                        long[] total = consumers.computeIfAbsent(name, key -> new long[] {0, Long.MAX_VALUE});
                        total[0] += counts[0];
                        total[1] = Math.min(total[1], counts[1]);
                    });
                }
                List<GroupStatus.ConsumerStatus> consumerStatuses = new ArrayList<>();
                consumers.forEach((name, counts) -> consumerStatuses.add(
                        new GroupStatus.ConsumerStatus(name, counts[0], Duration.ofMillis(counts[1] == Long.MAX_VALUE ? 0 : counts[1]))));
                return new GroupStatus(definition, lag, pending, Duration.ofMillis(oldestIdle), consumerStatuses, parked);
            });
        });
    }

    /** Hands a consumer's pending deliveries back to the group at once, then removes it. */
    public CompletableFuture<Long> removeConsumer(String group, String consumer) {
        Names.check(consumer, "consumer");
        return groups.get(group).thenCompose(definition -> {
            List<CompletableFuture<Long>> released = new ArrayList<>();
            for (GroupSource source : groups.sources(definition)) {
                for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                    released.add(release(definition, key, consumer));
                }
            }
            return CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                hub.closeConsumer(group, consumer);
                hub.reclaimSoon(group);
                return released.stream().mapToLong(CompletableFuture::join).sum();
            });
        });
    }

    /** Moves parked messages (all when {@code maxCount} is 0) back to the group, oldest first. */
    public CompletableFuture<Long> replayParked(String group, long maxCount) {
        if (maxCount < 0) {
            return CompletableFuture.failedFuture(new InvalidArgumentException("max_count", "value is too large"));
        }
        return groups.get(group).thenCompose(definition -> {
            List<CompletableFuture<Long>> moves = new ArrayList<>();
            for (GroupSource source : groups.sources(definition)) {
                moves.add(parkedReplay.move(source.parkedKey(), source.replayKey(), maxCount));
            }
            return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                long moved = 0;
                for (CompletableFuture<Long> move : moves) {
                    moved += move.join();
                }
                hub.reclaimSoon(group);
                return moved;
            });
        });
    }

    private CompletableFuture<Long> release(GroupDefinition definition, byte[] key, String consumer) {
        Consumer<byte[]> owner = Consumer.from(ascii(definition.name()), ascii(consumer));
        return redis.xpending(key, owner, Range.unbounded(), Limit.from(100_000)).toCompletableFuture().thenCompose(pending -> {
            CompletableFuture<?> claimed = CompletableFuture.completedFuture(null);
            if (!pending.isEmpty()) {
                String[] ids = pending.stream().map(PendingMessage::getId).toArray(String[]::new);
                // idle as long as the ack timeout: the next reclaim by any consumer takes them
                XClaimArgs args = XClaimArgs.Builder.justid().idle(definition.settings().ackTimeout());
                claimed = redis.xclaim(key, Consumer.from(ascii(definition.name()), ascii(DeliverySettler.RETRY_CONSUMER)), args, ids)
                        .toCompletableFuture();
            }
            return claimed.thenCompose(ignored -> redis.xgroupDelconsumer(key, owner).toCompletableFuture())
                    .thenApply(ignored -> (long) pending.size());
        });
    }

    private record SourceStatus(long lag, List<PendingMessage> pending, Map<String, long[]> consumers, long parked) {
    }

    private CompletableFuture<SourceStatus> sourceStatus(String group, GroupSource source) {
        byte[] groupName = ascii(group);
        var pending = new ArrayList<CompletableFuture<List<PendingMessage>>>();
        var consumers = new ArrayList<CompletableFuture<List<Object>>>();
        for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
            pending.add(redis.xpending(key, groupName, Range.unbounded(), Limit.from(100_000)).toCompletableFuture());
            consumers.add(redis.xinfoConsumers(key, groupName).toCompletableFuture());
        }
        CompletableFuture<Long> lag = lag(source.sourceKey(), groupName);
        CompletableFuture<Long> parked = redis.xlen(source.parkedKey()).toCompletableFuture();
        CompletableFuture<Long> replayLag = lag(source.replayKey(), groupName);
        List<CompletableFuture<?>> all = new ArrayList<>(pending);
        all.addAll(consumers);
        all.addAll(List.of(lag, parked, replayLag));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<PendingMessage> allPending = new ArrayList<>();
            pending.forEach(future -> allPending.addAll(future.join()));
            Map<String, long[]> byConsumer = new LinkedHashMap<>();
            consumers.forEach(future -> parseConsumers(future.join(), byConsumer));
            return new SourceStatus(lag.join() + replayLag.join(), allPending, byConsumer, parked.join());
        });
    }

    /** Entries after the group's last delivered ID. */
    private CompletableFuture<Long> lag(byte[] key, byte[] group) {
        return redis.xinfoGroups(key).toCompletableFuture().thenCompose(groupInfos -> {
            String lastDelivered = null;
            for (Object info : groupInfos) {
                Map<String, Object> fields = fields(info);
                if (group.length > 0 && new String(group, StandardCharsets.UTF_8).equals(text(fields.get("name")))) {
                    lastDelivered = text(fields.get("last-delivered-id"));
                }
            }
            if (lastDelivered == null) {
                return CompletableFuture.completedFuture(0L);
            }
            Range<String> after = Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded());
            return redis.xrange(key, after, Limit.from(LAG_COUNT_LIMIT)).toCompletableFuture().thenApply(entries -> (long) entries.size());
        });
    }

    /** XINFO CONSUMERS replies a flat name/value list per consumer. */
    private static void parseConsumers(List<Object> reply, Map<String, long[]> byConsumer) {
        for (Object consumer : reply) {
            Map<String, Object> fields = fields(consumer);
            String name = text(fields.get("name"));
            if (name == null || name.startsWith("$")) {
                continue;
            }
            long[] counts = byConsumer.computeIfAbsent(name, key -> new long[] {0, Long.MAX_VALUE});
            counts[0] += number(fields.get("pending"));
            counts[1] = Math.min(counts[1], number(fields.get("idle")));
        }
    }

    private static Map<String, Object> fields(Object reply) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (reply instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(text(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = text(value);
        return text == null ? 0 : Long.parseLong(text);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
