package io.eventline.server.redis;

import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.util.function.Consumer;

/** A connected Redis, a single node or a Redis Cluster: what differs between the two, in one place. */
interface RedisLink extends PrimaryLocator {
    /** The shared, auto-pipelining connection's commands. */
    RedisClusterAsyncCommands<byte[], byte[]> commands();

    /** A connection of its own, for blocking reads that must not hold up the shared one. */
    RedisConnection.DedicatedConnection openDedicated();

    /** Runs {@code use} with server commands on a short-lived text connection (start-up checks). */
    void withServerCommands(Consumer<RedisServerCommands<String, String>> use);

    /** Closes the connections and shuts the client down (not its resources: the caller owns those). */
    void close();
}
