package io.eventline.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** One Redis node: every key lives on it, so the shared commands reach every primary there is. */
final class SingleNodeLink implements RedisLink {
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;

    private SingleNodeLink(RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {
        this.client = requireNonNull(client, "client is null");
        this.connection = requireNonNull(connection, "connection is null");
    }

    static SingleNodeLink connect(String uri, Duration commandTimeout, ClientResources resources) {
        RedisClient client = RedisClient.create(resources, RedisConnection.redisUri(uri, commandTimeout));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(RedisConnection.NO_REPLAY)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            return new SingleNodeLink(client, client.connect(ByteArrayCodec.INSTANCE));
        }
        catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    @Override
    public RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return connection.async();
    }

    @Override
    public CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> primaryOf(byte[] key) {
        return CompletableFuture.completedFuture(connection.async());
    }

    @Override
    public RedisConnection.DedicatedConnection openDedicated() {
        StatefulRedisConnection<byte[], byte[]> dedicated = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisConnection.DedicatedConnection(dedicated.async(), dedicated::close);
    }

    @Override
    public void withServerCommands(Consumer<RedisServerCommands<String, String>> use) {
        try (StatefulRedisConnection<String, String> text = client.connect(StringCodec.UTF8)) {
            use.accept(text.sync());
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
