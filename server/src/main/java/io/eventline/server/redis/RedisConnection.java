package io.eventline.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The process's Redis: one client and one shared, auto-pipelining connection for all ordinary
 * commands, plus the embedded redis-server when the server runs its own. Closing stops them in
 * reverse order.
 */
public final class RedisConnection implements AutoCloseable {
    private final Optional<EmbeddedRedis> embedded;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    private RedisConnection(Optional<EmbeddedRedis> embedded, RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {
        this.embedded = embedded;
        this.client = client;
        this.connection = connection;
    }

    public static RedisConnection open(String uri, Duration commandTimeout, Optional<EmbeddedRedis> embedded) {
        return open(uri, commandTimeout, embedded, DefaultClientResources.create());
    }

    /** @param resources shut down with the connection (they may carry a command latency recorder) */
    public static RedisConnection open(String uri, Duration commandTimeout, Optional<EmbeddedRedis> embedded, ClientResources resources) {
        requireNonNull(uri, "uri is null");
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            return new RedisConnection(embedded, client, client.connect(ByteArrayCodec.INSTANCE));
        }
        catch (RuntimeException e) {
            client.shutdown();
            embedded.ifPresent(EmbeddedRedis::close);
            throw e;
        }
    }

    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return connection.async();
    }

    /** A connection of its own, for blocking reads that must not hold up the shared one. */
    public StatefulRedisConnection<byte[], byte[]> openDedicated() {
        return client.connect(ByteArrayCodec.INSTANCE);
    }

    public RedisClient client() {
        return client;
    }

    public Optional<EmbeddedRedis> embedded() {
        return embedded;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        client.getResources().shutdown();
        embedded.ifPresent(EmbeddedRedis::close);
    }
}
