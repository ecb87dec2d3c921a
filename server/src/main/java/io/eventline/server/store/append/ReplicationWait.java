package io.eventline.server.store.append;

import io.eventline.server.redis.PrimaryLocator;
import io.eventline.server.store.StoreUnavailableException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Optionally holds an append's acknowledgement until Redis replicas have its writes (WAIT). When
 * too few replicas confirm in time the client is told UNAVAILABLE: the events are written and may
 * or may not survive a failover, and retrying with the same event ids is safe either way.
 * <p>
 * WAIT counts the writes made on its own connection, so with replicas to wait for the write runs on
 * the connection of the primary that holds the key, and the WAIT follows it there; on a Redis
 * Cluster a WAIT sent through the routed commands would go to some other node and confirm nothing.
 */
public final class ReplicationWait {
    private final RedisClusterAsyncCommands<byte[], byte[]> routed;
    private final PrimaryLocator primaries;
    private final int replicas;
    private final Duration timeout;

    /**
     * @param routed where writes go when there is nothing to wait for (they follow MOVED/ASK redirections)
     * @param replicas 0 to acknowledge as soon as the primary has the writes
     */
    public ReplicationWait(RedisClusterAsyncCommands<byte[], byte[]> routed, PrimaryLocator primaries, int replicas, Duration timeout) {
        this.routed = requireNonNull(routed, "routed is null");
        this.primaries = requireNonNull(primaries, "primaries is null");
        this.replicas = replicas;
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public static ReplicationWait none(RedisClusterAsyncCommands<byte[], byte[]> routed) {
        return new ReplicationWait(routed, key -> CompletableFuture.completedFuture(routed), 0, Duration.ZERO);
    }

    /** Runs {@code write} (of {@code key}'s keys) and completes once it is written and, if asked, replicated. */
    <T> CompletableFuture<T> write(byte[] key, Function<RedisClusterAsyncCommands<byte[], byte[]>, CompletableFuture<T>> write) {
        if (replicas == 0) {
            return write.apply(routed);
        }
        return primaries.primaryOf(key).thenCompose(primary -> write.apply(primary).thenCompose(written -> replicated(primary, written)));
    }

    private <T> CompletableFuture<T> replicated(RedisClusterAsyncCommands<byte[], byte[]> primary, T written) {
        return primary.waitForReplication(replicas, timeout.toMillis()).toCompletableFuture().thenApply(confirmed -> {
            if (confirmed < replicas) {
                throw new StoreUnavailableException("the events were written but only " + confirmed + " of " + replicas
                        + " Redis replicas confirmed them within " + timeout + "; retry with the same event ids");
            }
            return written;
        });
    }
}
