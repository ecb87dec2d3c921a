package io.eventline.loadtest.subscribe;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline of group throughput: one consumer of a Redis consumer group on its own connection,
 * reading with XREADGROUP COUNT {@code count} and acknowledging each batch with one XACK, sent
 * back to back with the next read (as the server overlaps acks and reads). Stops at an empty read.
 */
public final class RawGroupReader {
    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final byte[] key;
    private final Consumer<byte[]> consumer;
    private final int count;
    private final SubscriberCounts counts;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    public RawGroupReader(RedisAsyncCommands<byte[], byte[]> redis, byte[] key, String group, String consumer, int count,
            SubscriberCounts counts) {
        this.redis = requireNonNull(redis, "redis is null");
        this.key = requireNonNull(key, "key is null").clone();
        this.consumer = Consumer.from(group.getBytes(StandardCharsets.UTF_8), consumer.getBytes(StandardCharsets.UTF_8));
        this.count = count;
        this.counts = requireNonNull(counts, "counts is null");
    }

    /** Reads until the group has nothing new for this consumer; the future completes then. */
    public CompletableFuture<Void> start() {
        readNext();
        return done;
    }

    private void readNext() {
        redis.xreadgroup(consumer, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(key))
                .whenComplete(this::read);
    }

    private void read(List<StreamMessage<byte[], byte[]>> messages, Throwable error) {
        if (error != null) {
            done.completeExceptionally(error);
            return;
        }
        if (messages.isEmpty()) {
            done.complete(null);
            return;
        }
        messages.forEach(message -> counts.countDelivery());
        String[] ids = messages.stream().map(StreamMessage::getId).toArray(String[]::new);
        redis.xack(key, consumer.getGroup(), ids).thenAccept(counts::countAcked);
        readNext();
    }
}
