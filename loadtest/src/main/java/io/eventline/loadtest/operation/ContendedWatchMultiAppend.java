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
    private final ContentionCounters counters;
    private final int maxAttempts;

    public ContendedWatchMultiAppend(List<RedisAsyncCommands<byte[], byte[]>> connectionPerSlot, String keyPrefix, String streamPrefix,
            KnownVersions known, EntryFields fields, ContentionCounters counters, int maxAttempts) {
        this.connectionPerSlot = List.copyOf(requireNonNull(connectionPerSlot, "connectionPerSlot is null"));
        this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix is null");
        this.streamPrefix = requireNonNull(streamPrefix, "streamPrefix is null");
        this.known = requireNonNull(known, "known is null");
        this.fields = requireNonNull(fields, "fields is null");
        this.counters = requireNonNull(counters, "counters is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        int stream = ThreadLocalRandom.current().nextInt(known.streams());
        return attempt(connectionPerSlot.get(slot), stream, fields.next(), 1).exceptionally(RedisOutcomes::failed);
    }

    private CompletableFuture<Outcome> attempt(RedisAsyncCommands<byte[], byte[]> redis, int stream, Map<byte[], byte[]> body, int attempt) {
        String name = streamPrefix + stream;
        byte[] streamKey = WatchMultiTransaction.streamKey(keyPrefix, name);
        byte[] versionKey = WatchMultiTransaction.versionKey(keyPrefix, name);
        long expected = known.get(stream);
        return WatchMultiTransaction.watchVersion(redis, versionKey).thenCompose(actual -> {
            if (actual != expected) {
                known.advanceTo(stream, actual);
                return WatchMultiTransaction.unwatch(redis).thenApply(ignored -> false);
            }
            return WatchMultiTransaction.commit(redis, streamKey, versionKey, expected + 1, body).thenApply(committed -> {
                if (committed) {
                    known.advanceTo(stream, expected + 1);
                }
                return committed;
            });
        }).thenCompose(committed -> {
            if (committed) {
                counters.success();
                return CompletableFuture.completedFuture(Outcome.ok(1));
            }
            counters.conflict();
            if (attempt >= maxAttempts) {
                counters.gaveUp();
                return CompletableFuture.completedFuture(Outcome.failed("CONFLICT", "gave up after " + attempt + " conflicts"));
            }
            counters.retry();
            return attempt(redis, stream, body, attempt + 1);
        });
    }
}
