package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static java.util.Objects.requireNonNull;

/**
 * Baseline of the contended scenario: writers append to a few streams with an exact expected
 * version using WATCH/MULTI/EXEC. A version other than the expected one, or an aborted EXEC, is a
 * conflict; the writer takes the version it read and tries again.
 */
public final class ContendedWatchMultiAppend implements Operation {
    private final List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot;
    private final String keyPrefix;
    private final String streamPrefix;
    private final KnownVersions known;
    private final EntryFields fields;
    private final ConflictRetries retries;

    public ContendedWatchMultiAppend(List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot, String keyPrefix, String streamPrefix,
            KnownVersions known, EntryFields fields, ConflictRetries retries) {
        this.connectionPerSlot = List.copyOf(requireNonNull(connectionPerSlot, "connectionPerSlot is null"));
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
        this.streamPrefix = requireNonNull(streamPrefix, "streamPrefix is null");
        this.known = requireNonNull(known, "known is null");
        this.fields = requireNonNull(fields, "fields is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        int stream = ThreadLocalRandom.current().nextInt(known.streams());
        RedisAsyncCommands<byte[], byte[]> redis = connectionPerSlot.get(slot);
        Map<byte[], byte[]> body = fields.next();
        return retries.run(attempt -> attempt(redis, stream, body, attempt)).exceptionally(RedisOutcomes::failed);
    }

    private CompletableFuture<AttemptResult> attempt(RedisAsyncCommands<byte[], byte[]> redis, int stream, Map<byte[], byte[]> body, int attempt) {
        String name = streamPrefix + stream;
        byte[] streamKey = WatchMultiTransaction.streamKey(keyPrefix, name);
        byte[] versionKey = WatchMultiTransaction.versionKey(keyPrefix, name);
        long expected = known.get(stream);
        AttemptResult conflict = AttemptResult.conflict(Outcome.failed("CONFLICT", "gave up after " + attempt + " conflicts"));
        return WatchMultiTransaction.watchVersion(redis, versionKey).thenCompose(actual -> {
            if (actual != expected) {
                known.advanceTo(stream, actual);
                return WatchMultiTransaction.unwatch(redis).thenApply(ignored -> conflict);
            }
            return WatchMultiTransaction.commit(redis, streamKey, versionKey, expected + 1, body).thenApply(committed -> {
                if (!committed) {
                    return conflict;
                }
                known.advanceTo(stream, expected + 1);
                return AttemptResult.committed();
            });
        });
    }
}
