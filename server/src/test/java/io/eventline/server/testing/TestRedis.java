package io.eventline.server.testing;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.redis.RedisConnection;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Redis the tests run against: the one in {@code EVENTLINE_TEST_REDIS_URI}, else a
 * redis-server 6.2 from the embedded-redis artifact, started once per test JVM.
 * Each test gets its own key namespace, so tests never see each other's data.
 */
public final class TestRedis implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    public static final String URI_VARIABLE = "EVENTLINE_TEST_REDIS_URI";
    /** Comma-separated seed URIs of a Redis Cluster to test against instead. */
    public static final String CLUSTER_VARIABLE = "EVENTLINE_TEST_REDIS_CLUSTER_URIS";
    /** The partition count of the stores the tests create (default 1). */
    public static final String PARTITIONS_VARIABLE = "EVENTLINE_TEST_PARTITIONS";

    private final String uri;
    private final List<String> clusterUris;
    private final Optional<EmbeddedRedis> embedded;
    private final Optional<Path> data;
    private final int partitions;

    private TestRedis(String uri, List<String> clusterUris, Optional<EmbeddedRedis> embedded, Optional<Path> data) {
        this.data = data;
        this.uri = uri;
        this.clusterUris = List.copyOf(clusterUris);
        this.embedded = embedded;
        String partitionCount = System.getenv(PARTITIONS_VARIABLE);
        this.partitions = partitionCount == null || partitionCount.isBlank() ? 1 : Integer.parseInt(partitionCount.trim());
    }

    static TestRedis start() {
        String cluster = System.getenv(CLUSTER_VARIABLE);
        if (cluster != null && !cluster.isBlank()) {
            List<String> uris = List.of(cluster.split(","));
            return new TestRedis(uris.get(0), uris, Optional.empty(), Optional.empty());
        }
        String configured = System.getenv(URI_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new TestRedis(configured, List.of(), Optional.empty(), Optional.empty());
        }
        try {
            Path data = Files.createTempDirectory("eventline-test-redis");
            EmbeddedRedis redis = EmbeddedRedis.start(new RedisBinaryLocator(false, "").locate(), data, 0, "everysec", 1024);
            return new TestRedis(redis.uri(), List.of(), Optional.of(redis), Optional.of(data));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's URI (the first seed on a cluster). */
    public String uri() {
        return uri;
    }

    public boolean isCluster() {
        return !clusterUris.isEmpty();
    }

    public int partitions() {
        return partitions;
    }

    /** The server flags that point at this Redis, with the partition count the tests use. */
    public List<String> serverFlags() {
        String target = isCluster() ? "--redis.cluster-uris=" + String.join(",", clusterUris) : "--redis.uri=" + uri;
        return List.of(target, "--store.partitions=" + partitions);
    }

    /** A fresh namespace for one test's keys. */
    public String newNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public RedisConnection connect() {
        if (isCluster()) {
            RedisConnection cluster = RedisConnection.cluster(clusterUris, Duration.ofSeconds(10), io.lettuce.core.resource.DefaultClientResources.create(),
                    () -> "test cluster " + clusterUris);
            cluster.connect();
            return cluster;
        }
        return RedisConnection.open(uri, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedRedis::close);
        data.ifPresent(TestRedis::deleteQuietly);
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}
