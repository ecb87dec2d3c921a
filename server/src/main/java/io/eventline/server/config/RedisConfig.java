package io.eventline.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which Redis to use. Without {@code redis.uri} the server runs its own redis-server child
 * (embedded) with AOF persistence in {@code redis.embedded.data-dir}.
 */
public record RedisConfig(
        Optional<String> uri,
        Duration commandTimeout,
        Path embeddedDataDir,
        int embeddedPort,
        String embeddedAppendFsync,
        int embeddedStreamNodeMaxBytes) {
    public static RedisConfig from(ConfigProperties properties) {
        String uri = properties.getString("redis.uri", "").trim();
        String fsync = properties.getString("redis.embedded.appendfsync", "everysec");
        if (!fsync.equals("always") && !fsync.equals("everysec") && !fsync.equals("no")) {
            throw properties.fail("redis.embedded.appendfsync", "must be always, everysec or no, is '" + fsync + "'");
        }
        return new RedisConfig(
                uri.isEmpty() ? Optional.empty() : Optional.of(uri),
                properties.getDuration("redis.command-timeout", Duration.ofSeconds(10)),
                Path.of(properties.getString("redis.embedded.data-dir", "data/redis")),
                properties.getInt("redis.embedded.port", 0, 0, 65535),
                fsync,
                properties.getInt("redis.embedded.stream-node-max-bytes", 1024, 0, Integer.MAX_VALUE));
    }

    /** The URI with any password masked, for logs. */
    public Optional<String> maskedUri() {
        return uri.map(value -> value.replaceAll("//[^@/]*@", "//***@"));
    }
}
