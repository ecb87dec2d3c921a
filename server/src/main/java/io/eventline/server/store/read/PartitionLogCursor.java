package io.eventline.server.store.read;

import io.eventline.server.store.Position;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pages through one partition's log in one direction, buffering the pointers not yet merged. Pointers
 * taken for a page stay held until the page is read ({@link #commit}) or its read failed ({@link #rewind}),
 * so a Redis error never skips an event.
 */
public final class PartitionLogCursor {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final int partition;
    private final byte[] logKey;
    private final ReadDirection direction;
    private final int pageSize;
    private final Deque<LogPointer> buffer = new ArrayDeque<>();
    private final Deque<LogPointer> taken = new ArrayDeque<>();
    private Range.Boundary<String> boundary;
    private boolean exhausted;

    PartitionLogCursor(RedisClusterAsyncCommands<byte[], byte[]> redis, int partition, byte[] logKey, ReadDirection direction,
            Range.Boundary<String> boundary, int pageSize) {
        this.redis = redis;
        this.partition = partition;
        this.logKey = logKey;
        this.direction = direction;
        this.boundary = boundary;
        this.pageSize = pageSize;
    }

    /** Whether this partition must fetch before its next pointer is known. */
    boolean needsFetch() {
        return buffer.isEmpty() && !exhausted;
    }

    /** Whether this partition has nothing more to give. */
    boolean done() {
        return buffer.isEmpty() && exhausted;
    }

    LogPointer peek() {
        return buffer.peekFirst();
    }

    LogPointer take() {
        LogPointer pointer = buffer.removeFirst();
        taken.addLast(pointer);
        return pointer;
    }

    /** The page made of the taken pointers was read: they are done with. */
    void commit() {
        taken.clear();
    }

    /** The page made of the taken pointers could not be read: the next page starts with them again. */
    void rewind() {
        while (!taken.isEmpty()) {
            buffer.addFirst(taken.removeLast());
        }
    }

    /** Ends this partition early: a time-travel read passed its bound here. */
    void finish() {
        buffer.clear();
        exhausted = true;
    }

    /** Looks again past the last entry read, for entries appended since. */
    void follow() {
        if (buffer.isEmpty()) {
            exhausted = false;
        }
    }

    CompletableFuture<Void> fetch() {
        Limit limit = Limit.from(pageSize);
        CompletableFuture<List<StreamMessage<byte[], byte[]>>> page = direction == ReadDirection.FORWARD
                ? redis.xrange(logKey, Range.from(boundary, Range.Boundary.unbounded()), limit).toCompletableFuture()
                : redis.xrevrange(logKey, Range.from(Range.Boundary.unbounded(), boundary), limit).toCompletableFuture();
        return page.thenAccept(entries -> {
            for (StreamMessage<byte[], byte[]> entry : entries) {
                buffer.addLast(LogPointer.decode(partition, entry));
            }
            if (!entries.isEmpty()) {
                boundary = Range.Boundary.excluding(entries.get(entries.size() - 1).getId());
            }
            exhausted = entries.size() < pageSize;
        });
    }

    /** Where a read of this partition starts, given the position a client asked to start at (inclusive). */
    public static Range.Boundary<String> startBoundary(int partition, ReadDirection direction, Position from) {
        if (from == null) {
            return Range.Boundary.unbounded();
        }
        // Positions order by (millis, sequence, partition): the same log ID in another partition
        // is before or after the start depending on the partition number.
        boolean included = direction == ReadDirection.FORWARD ? partition >= from.partition() : partition <= from.partition();
        return included ? Range.Boundary.including(from.entryId()) : Range.Boundary.excluding(from.entryId());
    }
}
