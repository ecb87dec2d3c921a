package io.eventline.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which Redis to use. Without {@code redis.uri} the server runs its own redis-server child
 * (embedded) with AOF persistence in {@code redis.embedded.data-dir}.
 */
public record RedisConfig(
        Optional<String> uri,
        List<String> clusterUris,
        Duration commandTimeout,
        Path embeddedDataDir,
        int embeddedPort,
        String embeddedAppendFsync,
        int embeddedStreamNodeMaxBytes,
        int waitReplicas,
        Duration waitTimeout) {
    public static RedisConfig from(ConfigProperties properties) {
        String uri = properties.getString("redis.uri", "").trim();
        List<String> clusterUris = Arrays.stream(properties.getString("redis.cluster-uris", "").split(","))
                .map(String::trim).filter(text -> !text.isEmpty()).toList();
        if (!uri.isEmpty() && !clusterUris.isEmpty()) {
            throw properties.fail("redis.cluster-uris", "set redis.uri (one node) or redis.cluster-uris (a Redis Cluster), not both");
        }
        String fsync = properties.getString("redis.embedded.appendfsync", "everysec");
        if (!fsync.equals("always") && !fsync.equals("everysec") && !fsync.equals("no")) {
            throw properties.fail("redis.embedded.appendfsync", "must be always, everysec or no, is '" + fsync + "'");
        }
        return new RedisConfig(
                uri.isEmpty() ? Optional.empty() : Optional.of(uri),
                clusterUris,
                properties.getDuration("redis.command-timeout", Duration.ofSeconds(10)),
                Path.of(properties.getString("redis.embedded.data-dir", "data/redis")),
                properties.getInt("redis.embedded.port", 0, 0, 65535),
                fsync,
                properties.getInt("redis.embedded.stream-node-max-bytes", 1024, 0, Integer.MAX_VALUE),
                properties.getInt("redis.wait-replicas", 0, 0, 16),
                properties.getDuration("redis.wait-timeout", Duration.ofSeconds(1)));
    }

    /** The URI (or the cluster's seed URIs) with any password masked, for logs; empty for the embedded Redis. */
    public Optional<String> maskedUri() {
        if (!clusterUris.isEmpty()) {
            return Optional.of("cluster " + String.join(",", clusterUris).replaceAll("//[^@/]*@", "//***@"));
        }
        return uri.map(value -> value.replaceAll("//[^@/]*@", "//***@"));
    }
}
