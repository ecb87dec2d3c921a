package io.eventline.server.store.append;

import io.eventline.server.store.StoreUnavailableException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Optionally holds an append's acknowledgement until Redis replicas have its writes (WAIT). When
 * too few replicas confirm in time the client is told UNAVAILABLE: the events are written and may
 * or may not survive a failover, and retrying with the same event ids is safe either way.
 */
public final class ReplicationWait {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final int replicas;
    private final Duration timeout;

    /** @param replicas 0 to acknowledge as soon as the primary has the writes */
    public ReplicationWait(RedisClusterAsyncCommands<byte[], byte[]> redis, int replicas, Duration timeout) {
        this.redis = requireNonNull(redis, "redis is null");
        this.replicas = replicas;
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public static ReplicationWait none(RedisClusterAsyncCommands<byte[], byte[]> redis) {
        return new ReplicationWait(redis, 0, Duration.ZERO);
    }

    <T> CompletableFuture<T> after(T written) {
        if (replicas == 0) {
            return CompletableFuture.completedFuture(written);
        }
        return redis.waitForReplication(replicas, timeout.toMillis()).toCompletableFuture().thenApply(confirmed -> {
            if (confirmed < replicas) {
                throw new StoreUnavailableException("the events were written but only " + confirmed + " of " + replicas
                        + " Redis replicas confirmed them within " + timeout + "; retry with the same event ids");
            }
            return written;
        });
    }
}
