package io.eventline.server.store.subscribe;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamLocation;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Turns a start into the "last delivered" entry ID a Redis consumer group is created (or reset) at,
 * per source: the group then delivers every entry after it.
 */
final class StartIds {
    /** The largest sequence of a Redis stream ID. */
    private static final String MAX_SEQUENCE = "18446744073709551615";
    private static final int SCAN_PAGE = 256;

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final EventEntryCodec codec;

    StartIds(RedisClusterAsyncCommands<byte[], byte[]> redis, EventEntryCodec codec) {
        this.redis = requireNonNull(redis, "redis is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    CompletableFuture<String> lastDeliveredId(SubscriptionTarget target, GroupSource source, SubscriptionStart start, StreamLocation streamLocation) {
        if (start instanceof SubscriptionStart.Beginning) {
            return CompletableFuture.completedFuture("0-0");
        }
        if (start instanceof SubscriptionStart.End) {
            return CompletableFuture.completedFuture("$");
        }
        if (start instanceof SubscriptionStart.AtVersion atVersion) {
            if (target.isAll()) {
                throw new InvalidArgumentException("start.version", "$all has no versions; start at a position or a time");
            }
            return CompletableFuture.completedFuture(atVersion.version() <= 1 ? "0-0" : codec.entryIdOf(atVersion.version() - 1));
        }
        if (start instanceof SubscriptionStart.AtPosition atPosition) {
            if (!target.isAll()) {
                throw new InvalidArgumentException("start.position", "a stream starts at a version or a time, not a position");
            }
            Position position = atPosition.position();
            // deliver from the position on, in (millis, sequence, partition) order
            return CompletableFuture.completedFuture(source.partition() >= position.partition()
                    ? predecessor(position.millis(), position.sequence())
                    : position.entryId());
        }
        // a time before 1970 is before every event: the beginning
        long millis = Math.max(0, ((SubscriptionStart.AtTime) start).time().toEpochMilli());
        if (target.isAll()) {
            return CompletableFuture.completedFuture(predecessor(millis, 0));
        }
        return firstVersionAtOrAfter(streamLocation, millis, 1)
                .thenApply(version -> version <= 1 ? "0-0" : codec.entryIdOf(version - 1));
    }

    /** Stream entry IDs carry versions, not times: scan for the first event recorded at or after the instant. */
    private CompletableFuture<Long> firstVersionAtOrAfter(StreamLocation location, long millis, long fromVersion) {
        Range<String> range = Range.from(Range.Boundary.including(codec.entryIdOf(fromVersion)), Range.Boundary.unbounded());
        return redis.xrange(location.streamKey(), range, Limit.from(SCAN_PAGE))
                .toCompletableFuture()
                .thenCompose(entries -> {
                    for (StreamMessage<byte[], byte[]> entry : entries) {
                        RecordedEvent event = codec.decode(location.stream(), location.partition(), entry);
                        if (event.position().millis() >= millis) {
                            return CompletableFuture.completedFuture(event.version());
                        }
                    }
                    if (entries.size() < SCAN_PAGE) {
                        // none yet: start after the last stored event
                        long last = entries.isEmpty() ? fromVersion : codec.versionOf(entries.get(entries.size() - 1).getId()) + 1;
                        return CompletableFuture.completedFuture(last);
                    }
                    return firstVersionAtOrAfter(location, millis, codec.versionOf(entries.get(entries.size() - 1).getId()) + 1);
                });
    }

    static String predecessor(long millis, long sequence) {
        if (sequence > 0) {
            return millis + "-" + (sequence - 1);
        }
        return millis > 0 ? (millis - 1) + "-" + MAX_SEQUENCE : "0-0";
    }
}
