package io.eventline.loadtest.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The baselines' Redis, connected the way the server connects: one client, one shared
 * auto-pipelining binary connection, plus dedicated connections for the baselines that need one per
 * worker (WATCH/MULTI, unpipelined scripts) and a text connection for INFO and cleanup.
 */
public final class RedisSession implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> shared;
    private final StatefulRedisConnection<String, String> admin;
    private final List<StatefulRedisConnection<byte[], byte[]>> dedicated = new ArrayList<>();

    private RedisSession(RedisClient client, StatefulRedisConnection<byte[], byte[]> shared, StatefulRedisConnection<String, String> admin) {
        this.client = client;
        this.shared = shared;
        this.admin = admin;
    }

    public static RedisSession open(String uri, Duration commandTimeout) {
        requireNonNull(uri, "uri is null");
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(commandTimeout)).build());
        try {
            StatefulRedisConnection<byte[], byte[]> shared = client.connect(ByteArrayCodec.INSTANCE);
            return new RedisSession(client, shared, client.connect());
        }
        catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + uri + " (--redis-uri): " + e.getMessage(), e);
        }
    }

    public RedisAsyncCommands<byte[], byte[]> shared() {
        return shared.async();
    }

    public RedisCommands<String, String> admin() {
        return admin.sync();
    }

    /** Opens {@code count} connections of their own, closed with the session. */
    public synchronized List<RedisAsyncCommands<byte[], byte[]>> openDedicated(int count) {
        List<RedisAsyncCommands<byte[], byte[]>> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            dedicated.add(connection);
            commands.add(connection.async());
        }
        return List.copyOf(commands);
    }

    /** Closes the dedicated connections opened so far. */
    public synchronized void closeDedicated() {
        dedicated.forEach(StatefulRedisConnection::close);
        dedicated.clear();
    }

    @Override
    public void close() {
        closeDedicated();
        admin.close();
        shared.close();
        client.shutdown();
    }
}
