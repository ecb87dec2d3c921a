package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.subscribe.SentTimestamp;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** Baseline of end-to-end latency: XADD of an entry whose data field carries the time it was due. */
public final class TimestampedXadd implements Operation {
    public static final byte[] DATA_FIELD = EntryFields.bytes("d");

    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final int payloadBytes;

    public TimestampedXadd(RedisAsyncCommands<byte[], byte[]> redis, byte[] key, int payloadBytes) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(key, "key is null").clone();
        this.payloadBytes = payloadBytes;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return start(requestNumber, slot, System.nanoTime());
    }

    /** Stamped with the time the request was due, so end-to-end latency is charged for a late send too. */
    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
        Map<byte[], byte[]> body = Map.of(DATA_FIELD, SentTimestamp.payload(dueNanos, payloadBytes));
        return redis.xadd(key, body).toCompletableFuture()
                .handle((id, error) -> error == null ? Outcome.ok(1) : RedisOutcomes.failed(error));
    }
}
