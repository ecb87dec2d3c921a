package io.eventline.server.faults;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A redis-server owned by one fault test: AOF with {@code appendfsync always} in its own data
 * directory, on a fixed port, so it can be killed with SIGKILL and restarted in place. It carries an
 * admin connection of its own (which {@code CLIENT KILL ... SKIPME yes} spares) for faults and checks.
 */
final class FaultRedis implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;
    private final Path dataDirectory;
    private final RedisClient adminClient;
    private final StatefulRedisConnection<String, String> admin;
    private EmbeddedRedis server;

    private FaultRedis(Path binary, Path dataDirectory, EmbeddedRedis server) {
        this.binary = binary;
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.adminClient = RedisClient.create(RedisURI.create(server.uri()));
        adminClient.setOptions(ClientOptions.builder().autoReconnect(true).timeoutOptions(TimeoutOptions.enabled(ADMIN_TIMEOUT)).build());
        this.admin = adminClient.connect();
    }

    static FaultRedis start(Path dataDirectory) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path binary = new RedisBinaryLocator(false, "").locate();
        return new FaultRedis(binary, dataDirectory, EmbeddedRedis.start(binary, dataDirectory, 0, "always", 1024));
    }

    /** A replica of {@code primary} (appendfsync everysec), for failover runs. */
    static FaultRedis startReplica(Path dataDirectory, FaultRedis primary) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        return new FaultRedis(primary.binary, dataDirectory, EmbeddedRedis.startReplica(primary.binary, dataDirectory, primary.port()));
    }

    String uri() {
        return server.uri();
    }

    int port() {
        return server.port();
    }

    /** Commands on the test's own connection; it reconnects by itself after a restart. */
    RedisCommands<String, String> admin() {
        return admin.sync();
    }

    /** kill -9: no chance to flush anything; what survives is what the AOF had when the process died. */
    void kill9() {
        server.killAbruptly();
    }

    /** Starts redis-server again on the same port and data directory, as a primary; it loads its AOF. */
    void restart() {
        server = EmbeddedRedis.start(binary, dataDirectory, server.port(), "always", 1024);
    }

    String infoField(String section, String field) {
        return InfoFields.of(admin().info(section), field).orElseThrow(() -> new IllegalStateException("INFO " + section + " has no " + field));
    }

    @Override
    public void close() {
        admin.close();
        adminClient.shutdown();
        server.close();
    }
}
