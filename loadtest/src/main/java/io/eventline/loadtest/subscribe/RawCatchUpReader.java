package io.eventline.loadtest.subscribe;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline of catch-up: reads a Redis stream from its first entry to its last as a catch-up reader
 * does, in XRANGE pages of {@code pageSize}, one page at a time, each after the last ID read.
 * Stops at a short page (the end), or at the first page after {@code deadlineNanos}.
 */
public final class RawCatchUpReader {
    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final int pageSize;
    private final long deadlineNanos;
    private final SubscriberCounts counts;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    public RawCatchUpReader(RedisAsyncCommands<byte[], byte[]> redis, byte[] key, int pageSize, long deadlineNanos, SubscriberCounts counts) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(key, "key is null").clone();
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.pageSize = pageSize;
        this.deadlineNanos = deadlineNanos;
        this.counts = requireNonNull(counts, "counts is null");
    }

    /** Reads to the end of the stream; the future completes then. */
    public CompletableFuture<Void> start() {
        readAfter(Range.Boundary.unbounded());
        return done;
    }

    private void readAfter(Range.Boundary<String> from) {
        redis.xrange(key, Range.from(from, Range.Boundary.unbounded()), Limit.from(pageSize)).whenComplete(this::read);
    }

    private void read(List<StreamMessage<byte[], byte[]>> page, Throwable error) {
        if (error != null) {
            done.completeExceptionally(error);
            return;
        }
        page.forEach(entry -> counts.countDelivery());
        if (page.size() < pageSize || System.nanoTime() - deadlineNanos >= 0) {
            done.complete(null);
            return;
        }
        readAfter(Range.Boundary.excluding(page.get(page.size() - 1).getId()));
    }
}
