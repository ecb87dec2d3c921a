package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline: plain XADD of the same event fields to {@code <prefix><stream>}, with an automatic
 * entry ID. With several events per operation they are sent back to back on the shared
 * connection (pipelined) and the operation ends when the last reply arrives.
 */
public final class RawXadd implements Operation {
    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final String keyPrefix;
    private final StreamPicker streams;
    private final EntryFields fields;
    private final int eventsPerOperation;

    public RawXadd(RedisAsyncCommands<byte[], byte[]> redis, String keyPrefix, StreamPicker streams, EntryFields fields, int eventsPerOperation) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.fields = requireNonNull(fields, "fields is null");
        if (eventsPerOperation < 1) {
            throw new IllegalArgumentException("eventsPerOperation must be at least 1");
        }
        this.eventsPerOperation = eventsPerOperation;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        byte[] key = EntryFields.bytes(keyPrefix + streams.pick(requestNumber));
        CompletableFuture<?>[] replies = new CompletableFuture<?>[eventsPerOperation];
        for (int i = 0; i < eventsPerOperation; i++) {
            replies[i] = redis.xadd(key, fields.next()).toCompletableFuture();
        }
        return CompletableFuture.allOf(replies).handle((ignored, error) ->
                error == null ? Outcome.ok(eventsPerOperation) : RedisOutcomes.failed(error));
    }
}
