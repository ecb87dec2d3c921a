package io.eventline.server.testing;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.redis.RedisConnection;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Redis the tests run against: the one in {@code EVENTLINE_TEST_REDIS_URI}, else a
 * redis-server 6.2 from the embedded-redis artifact, started once per test JVM.
 * Each test gets its own key namespace, so tests never see each other's data.
 */
public final class TestRedis implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    public static final String URI_VARIABLE = "EVENTLINE_TEST_REDIS_URI";

    private final String uri;
    private final Optional<EmbeddedRedis> embedded;

    private TestRedis(String uri, Optional<EmbeddedRedis> embedded) {
        this.uri = uri;
        this.embedded = embedded;
    }

    static TestRedis start() {
        String configured = System.getenv(URI_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new TestRedis(configured, Optional.empty());
        }
        try {
            EmbeddedRedis redis = EmbeddedRedis.start(
                    new RedisBinaryLocator(false, "").locate(),
                    Files.createTempDirectory("eventline-test-redis"),
                    0,
                    "everysec",
                    1024);
            return new TestRedis(redis.uri(), Optional.of(redis));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return uri;
    }

    /** A fresh namespace for one test's keys. */
    public String newNamespace() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public RedisConnection connect() {
        return RedisConnection.open(uri, Duration.ofSeconds(10), Optional.empty());
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedRedis::close);
    }
}
