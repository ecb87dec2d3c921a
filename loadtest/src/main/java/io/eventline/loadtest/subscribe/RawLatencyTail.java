package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.operation.TimestampedXadd;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline of end-to-end latency: one consumer of a Redis consumer group on its own connection, in
 * a loop of XREADGROUP BLOCK and XACK, recording each entry's latency from its send time. Each
 * BLOCK is short, so {@link #stop} takes effect soon.
 */
public final class RawLatencyTail {
    private static final Duration BLOCK = Duration.ofMillis(100);
    private static final int COUNT = 100;

    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final Consumer<byte[]> consumer;
    private final LatencyHistogram latencies;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean stopping;

    public RawLatencyTail(RedisAsyncCommands<byte[], byte[]> redis, byte[] key, String group, LatencyHistogram latencies) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(key, "key is null").clone();
        this.consumer = Consumer.from(group.getBytes(StandardCharsets.UTF_8), "c0".getBytes(StandardCharsets.UTF_8));
        this.latencies = requireNonNull(latencies, "latencies is null");
    }

    public void start() {
        readNext();
    }

    /** Stops after the read in progress; the future completes when it has. */
    public CompletableFuture<Void> stop() {
        stopping = true;
        return stopped;
    }

    private void readNext() {
        if (stopping) {
            stopped.complete(null);
            return;
        }
        redis.xreadgroup(consumer, XReadArgs.Builder.block(BLOCK).count(COUNT), XReadArgs.StreamOffset.lastConsumed(key))
                .whenComplete(this::read);
    }

    private void read(List<StreamMessage<byte[], byte[]>> messages, Throwable error) {
        long received = System.nanoTime();
        if (error != null) {
            stopped.completeExceptionally(error);
            return;
        }
        for (StreamMessage<byte[], byte[]> message : messages) {
            latencies.record(SentTimestamp.read(ByteBuffer.wrap(dataOf(message.getBody()))), received);
        }
        if (!messages.isEmpty()) {
            redis.xack(key, consumer.getGroup(), messages.stream().map(StreamMessage::getId).toArray(String[]::new));
        }
        readNext();
    }

    private static byte[] dataOf(Map<byte[], byte[]> body) {
        for (Map.Entry<byte[], byte[]> field : body.entrySet()) {
            if (Arrays.equals(field.getKey(), TimestampedXadd.DATA_FIELD)) {
                return field.getValue();
            }
        }
        throw new IllegalStateException("a baseline entry without its data field");
    }
}
