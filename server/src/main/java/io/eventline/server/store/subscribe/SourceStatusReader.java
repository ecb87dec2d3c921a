package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamLocation;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessages;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * One group source's lag, pending deliveries, consumers and parked count, from commands whose
 * replies are a few numbers and ids, never event bodies: DescribeGroup and the metrics refresher
 * run it for every group and share the connection with appends.
 * <ul>
 * <li>lag: Redis 7+ keeps it (XINFO GROUPS {@code lag}). On 6.2, a stream key's entry ids are
 * {@code 0-<version>}, so its lag is the stream's version less the last delivered one (no more
 * than the entries left, for a stream emptied by a delete); a log or replay stream's lag is its
 * length when nothing was delivered yet, else the pointers after the last delivered id counted up
 * to {@link #LAG_COUNT_LIMIT} (pointers are a few dozen bytes; a larger lag shows as the limit).
 * <li>pending: the XPENDING summary (a count); the oldest pending age is how long the lowest-id
 * pending delivery has waited since it was delivered (XPENDING with COUNT 1).
 * </ul>
 */
final class SourceStatusReader {
    /** The most log pointers counted for a 6.2 lag: a bounded estimate, never a scan of the log. */
    static final long LAG_COUNT_LIMIT = 1_000;
    private static final byte[] VERSION_FIELD = {'v'};

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;

    SourceStatusReader(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        this.redis = requireNonNull(redis, "redis is null");
    }

    /** Per consumer: {pending, idle ms}. */
    record SourceStatus(long lag, long pending, long oldestPendingIdleMillis, Map<String, long[]> consumers, long parked) {
    }

    private record KeyStatus(long lag, long pending, long oldestPendingIdleMillis, List<Object> consumers) {
    }

    /** {@code stream}: where a stream group's stream lives; empty for a source that is a partition log. */
    CompletableFuture<SourceStatus> read(String group, GroupSource source, Optional<StreamLocation> stream, GroupInfos infos) {
        byte[] groupName = group.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<KeyStatus> sourceKey = keyStatus(source.sourceKey(), groupName, stream.map(StreamLocation::metaKey), infos);
        CompletableFuture<KeyStatus> replayKey = keyStatus(source.replayKey(), groupName, Optional.empty(), infos);
        CompletableFuture<Long> parked = redis.xlen(source.parkedKey()).toCompletableFuture();
        return CompletableFuture.allOf(sourceKey, replayKey, parked).thenApply(ignored -> {
            Map<String, long[]> consumers = new LinkedHashMap<>();
            parseConsumers(sourceKey.join().consumers(), consumers);
            parseConsumers(replayKey.join().consumers(), consumers);
            return new SourceStatus(
                    sourceKey.join().lag() + replayKey.join().lag(),
                    sourceKey.join().pending() + replayKey.join().pending(),
                    Math.max(sourceKey.join().oldestPendingIdleMillis(), replayKey.join().oldestPendingIdleMillis()),
                    consumers,
                    parked.join());
        });
    }

    private CompletableFuture<KeyStatus> keyStatus(byte[] key, byte[] group, Optional<byte[]> metaKey, GroupInfos infos) {
        CompletableFuture<Long> lag = lag(key, group, metaKey, infos);
        CompletableFuture<PendingMessages> summary = redis.xpending(key, group).toCompletableFuture();
        CompletableFuture<Long> oldestIdle = redis.xpending(key, group, Range.unbounded(), Limit.from(1)).toCompletableFuture()
                .thenApply(oldest -> oldest.isEmpty() ? 0L : oldest.get(0).getMsSinceLastDelivery());
        CompletableFuture<List<Object>> consumers = redis.xinfoConsumers(key, group).toCompletableFuture();
        return CompletableFuture.allOf(lag, summary, oldestIdle, consumers)
                .thenApply(ignored -> new KeyStatus(lag.join(), summary.join().getCount(), oldestIdle.join(), consumers.join()));
    }

    /** Entries of {@code key} after the group's last delivered id. */
    private CompletableFuture<Long> lag(byte[] key, byte[] group, Optional<byte[]> metaKey, GroupInfos infos) {
        return infos.of(key).thenCompose(groupInfos -> {
            String name = new String(group, StandardCharsets.UTF_8);
            for (Object info : groupInfos) {
                Map<String, Object> fields = fields(info);
                if (name.equals(text(fields.get("name")))) {
                    if (fields.get("lag") != null) {
                        // Redis 7+: counted by Redis (absent on 6.2, nil when Redis cannot tell)
                        return CompletableFuture.completedFuture(number(fields.get("lag")));
                    }
                    String lastDelivered = text(fields.get("last-delivered-id"));
                    return metaKey.isPresent() ? streamLag(key, metaKey.get(), lastDelivered) : pointerLag(key, lastDelivered);
                }
            }
            return CompletableFuture.completedFuture(0L);
        });
    }

    /** A stream key's entries are {@code 0-<version>}: the versions after the last delivered one that are still there. */
    private CompletableFuture<Long> streamLag(byte[] key, byte[] metaKey, String lastDelivered) {
        CompletableFuture<byte[]> version = redis.hget(metaKey, VERSION_FIELD).toCompletableFuture();
        CompletableFuture<Long> length = redis.xlen(key).toCompletableFuture();
        return CompletableFuture.allOf(version, length).thenApply(ignored -> {
            long last = version.join() == null ? 0 : Long.parseLong(new String(version.join(), StandardCharsets.US_ASCII));
            long delivered = Long.parseLong(lastDelivered.substring(lastDelivered.indexOf('-') + 1));
            return Math.max(0, Math.min(length.join(), last - delivered));
        });
    }

    /** Log and replay streams hold small pointers: counted, up to the limit. */
    private CompletableFuture<Long> pointerLag(byte[] key, String lastDelivered) {
        return redis.xlen(key).toCompletableFuture().thenCompose(length -> {
            if (length == 0 || "0-0".equals(lastDelivered)) {
                return CompletableFuture.completedFuture(length);
            }
            Range<String> after = Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded());
            return redis.xrange(key, after, Limit.from(Math.min(length, LAG_COUNT_LIMIT))).toCompletableFuture()
                    .thenApply(entries -> (long) entries.size());
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
}
