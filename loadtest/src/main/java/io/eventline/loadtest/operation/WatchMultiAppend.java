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
    private final ConflictRetries retries;

    public WatchMultiAppend(List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot, String keyPrefix, StreamPicker streams,
            EntryFields fields, ConflictRetries retries) {
        this.connectionPerSlot = List.copyOf(requireNonNull(connectionPerSlot, "connectionPerSlot is null"));
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.fields = requireNonNull(fields, "fields is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        String stream = streams.pick(requestNumber);
        RedisAsyncCommands<byte[], byte[]> redis = connectionPerSlot.get(slot);
        byte[] streamKey = WatchMultiTransaction.streamKey(keyPrefix, stream);
        byte[] versionKey = WatchMultiTransaction.versionKey(keyPrefix, stream);
        Map<byte[], byte[]> body = fields.next();
        return retries.run(attempt -> WatchMultiTransaction.watchVersion(redis, versionKey)
                        .thenCompose(version -> WatchMultiTransaction.commit(redis, streamKey, versionKey, version + 1, body))
                        .thenApply(committed -> committed
                                ? AttemptResult.committed()
                                : AttemptResult.conflict(Outcome.failed("CONFLICT", "EXEC aborted " + attempt + " times"))))
                .exceptionally(RedisOutcomes::failed);
    }
}
