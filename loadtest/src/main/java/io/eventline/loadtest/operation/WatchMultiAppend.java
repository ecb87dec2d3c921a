package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline: the classic WATCH/MULTI/EXEC append of one event to a picked stream, expected version
 * any, on the worker's own connection (a transaction cannot share one); retried when EXEC aborts.
 */
public final class WatchMultiAppend implements Operation {
    private final List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot;
    private final String keyPrefix;
    private final StreamPicker streams;
    private final EntryFields fields;
    private final ContentionCounters counters;
    private final int maxAttempts;

    public WatchMultiAppend(List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot, String keyPrefix, StreamPicker streams,
            EntryFields fields, ContentionCounters counters, int maxAttempts) {
        this.connectionPerSlot = List.copyOf(requireNonNull(connectionPerSlot, "connectionPerSlot is null"));
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.fields = requireNonNull(fields, "fields is null");
        this.counters = requireNonNull(counters, "counters is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        String stream = streams.pick(requestNumber);
        return attempt(connectionPerSlot.get(slot), WatchMultiTransaction.streamKey(keyPrefix, stream),
                WatchMultiTransaction.versionKey(keyPrefix, stream), fields.next(), 1)
                .exceptionally(RedisOutcomes::failed);
    }

    private CompletableFuture<Outcome> attempt(RedisAsyncCommands<byte[], byte[]> redis, byte[] streamKey, byte[] versionKey,
            Map<byte[], byte[]> body, int attempt) {
        return WatchMultiTransaction.watchVersion(redis, versionKey)
                .thenCompose(version -> WatchMultiTransaction.commit(redis, streamKey, versionKey, version + 1, body))
                .thenCompose(committed -> {
                    if (committed) {
                        counters.success();
                        return CompletableFuture.completedFuture(Outcome.ok(1));
                    }
                    counters.conflict();
                    if (attempt >= maxAttempts) {
                        counters.gaveUp();
                        return CompletableFuture.completedFuture(Outcome.failed("CONFLICT", "EXEC aborted " + attempt + " times"));
                    }
                    counters.retry();
                    return attempt(redis, streamKey, versionKey, body, attempt + 1);
                });
    }
}
