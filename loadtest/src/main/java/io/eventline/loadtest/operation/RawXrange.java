package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** Baseline of the read scenario: one XRANGE of the whole stream key the server reads. */
public final class RawXrange implements Operation {
    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final long expectedEntries;

    public RawXrange(RedisAsyncCommands<byte[], byte[]> redis, byte[] key, long expectedEntries) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(key, "key is null").clone();
        this.expectedEntries = expectedEntries;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return redis.xrange(key, Range.<String>unbounded()).toCompletableFuture().handle((entries, error) -> {
            if (error != null) {
                return RedisOutcomes.failed(error);
            }
            return entries.size() == expectedEntries
                    ? Outcome.ok(entries.size())
                    : Outcome.failed("SHORT_READ", "XRANGE returned " + entries.size() + " entries, expected " + expectedEntries);
        });
    }
}
