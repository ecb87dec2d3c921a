package io.eventline.server.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.concurrent.CompletableFuture;

/** Finds the Redis primary that holds a key, for commands that must reach that very node (a WAIT after a write). */
@FunctionalInterface
public interface PrimaryLocator {
    CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> primaryOf(byte[] key);
}
