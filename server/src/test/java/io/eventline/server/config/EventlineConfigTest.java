package io.eventline.server.config;

import io.eventline.server.store.append.GroupCommitLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventlineConfigTest {
    @Test
    void helpListsEverySettingReadWithItsDefaultAsASettingIsWritten() {
        ConfigProperties properties = ConfigProperties.of(Map.of());
        EventlineConfig.from(properties);
        Map<String, String> defaults = properties.defaults();

        assertEquals("50051", defaults.get("grpc.port"));
        assertEquals("10s", defaults.get("grpc.shutdown-timeout"));
        assertEquals("1m", defaults.get("grpc.keepalive-time"));
        assertEquals("0", defaults.get("store.all-log-retention"));
        assertEquals("data/redis", defaults.get("redis.embedded.data-dir"));
        assertEquals("", defaults.get("redis.uri"));
        assertEquals("1500ms", ConfigProperties.format(Duration.ofMillis(1500)));
        assertEquals("7d", ConfigProperties.format(Duration.ofDays(7)));
        String help = SettingsHelp.text();
        defaults.keySet().forEach(key -> assertTrue(help.contains("--" + key + " "), key));
    }

    @Test
    void defaults() {
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(List.of(), Map.of()));

        assertEquals("0.0.0.0", config.grpc().host());
        assertEquals(50051, config.grpc().port());
        assertEquals(Duration.ofSeconds(10), config.grpc().shutdownTimeout());
        assertEquals(8 * 1024 * 1024, config.grpc().maxInboundMessageBytes());
        assertEquals(Optional.empty(), config.redis().uri());
        assertEquals(Path.of("data/redis"), config.redis().embeddedDataDir());
        assertEquals(0, config.redis().embeddedPort());
        assertEquals("everysec", config.redis().embeddedAppendFsync());
        assertEquals(1024, config.redis().embeddedStreamNodeMaxBytes());
        assertEquals(Duration.ofSeconds(10), config.redis().commandTimeout());
        assertEquals("el", config.store().namespace());
        assertEquals(1, config.store().partitions());
        assertEquals(256, config.store().readPageSize());
        assertEquals(4 * 1024 * 1024, config.store().readPageBytes());
        assertEquals(Duration.ZERO, config.store().allLogRetention());
        assertEquals(1000, config.store().limits().maxAppendEvents());
        assertEquals(1024 * 1024, config.store().limits().maxEventBytes());
        assertEquals(4 * 1024 * 1024, config.store().limits().maxAppendBytes());
        assertEquals(16, config.store().limits().dedupWindow());
        assertEquals(new GroupCommitLimits(2, 1000, 4 * 1024 * 1024, 100_000, 64 * 1024 * 1024), config.store().groupCommit());
        assertEquals(4 * 1024 * 1024, config.store().maxSnapshotBytes());
        assertEquals(Duration.ofMinutes(1), config.grpc().keepAliveTime());
        assertEquals(Duration.ofSeconds(20), config.grpc().keepAliveTimeout());
        assertEquals(Duration.ofSeconds(10), config.grpc().permitKeepAliveTime());
        assertEquals(1000, config.grpc().maxSubscriptionsPerConnection());
        assertEquals(List.of(), config.redis().clusterUris());
        assertEquals(100, config.subscriptions().settings().defaultMaxInFlight());
        assertEquals(10_000, config.subscriptions().settings().maxMaxInFlight());
        assertEquals(Duration.ofSeconds(10), config.subscriptions().settings().heartbeatInterval());
        assertEquals(Duration.ofSeconds(2), config.subscriptions().settings().pollInterval());
        assertEquals(2, config.subscriptions().schedulerThreads());
        assertEquals(4 * 1024 * 1024, config.subscriptions().settings().maxBufferedBytes());
        assertTrue(config.metrics().enabled());
        assertEquals("0.0.0.0", config.metrics().host());
        assertEquals(9464, config.metrics().port());
        assertEquals(Duration.ofSeconds(1), config.metrics().healthInterval());
        assertEquals(Duration.ofSeconds(15), config.metrics().groupInterval());
        assertFalse(config.security().tls());
        assertEquals(Optional.empty(), config.security().tokenFile());
        assertEquals(Optional.of(Duration.ofDays(30)), config.security().ackKeyRotation());
    }

    @Test
    void metricsRequireATokenOnlyWithATokenFile() {
        ConfigurationException noTokens = assertThrows(ConfigurationException.class, () -> EventlineConfig.from(ConfigProperties.load(
                List.of("--metrics.require-token=true"), Map.of())));
        assertTrue(noTokens.getMessage().contains("security.token-file"), noTokens.getMessage());
        ConfigurationException notABoolean = assertThrows(ConfigurationException.class, () -> EventlineConfig.from(ConfigProperties.load(
                List.of("--metrics.require-token=yes"), Map.of())));
        assertTrue(notABoolean.getMessage().contains("metrics.require-token"), notABoolean.getMessage());
        assertFalse(EventlineConfig.from(ConfigProperties.load(List.of(), Map.of())).metrics().requireToken());
    }

    @Test
    void theAckKeyRotatesNeverOrSlowerThanTheLongestAckTimeout() {
        assertEquals(Optional.empty(), EventlineConfig.from(ConfigProperties.load(List.of("--security.ack-key-rotation=0"), Map.of()))
                .security().ackKeyRotation());
        assertEquals(Optional.of(Duration.ofDays(2)), EventlineConfig.from(ConfigProperties.load(List.of(),
                Map.of("EVENTLINE_SECURITY_ACK_KEY_ROTATION", "2d"))).security().ackKeyRotation());
        ConfigurationException tooOften = assertThrows(ConfigurationException.class, () -> EventlineConfig.from(ConfigProperties.load(
                List.of("--security.ack-key-rotation=1h"), Map.of())));
        assertTrue(tooOften.getMessage().contains("security.ack-key-rotation"), tooOften.getMessage());
    }

    @Test
    void clusterAndMetricsSettings() {
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(List.of(), Map.of(
                "EVENTLINE_REDIS_CLUSTER_URIS", "redis://127.0.0.1:7001, redis://127.0.0.1:7002",
                "EVENTLINE_METRICS_PORT", "-1",
                "EVENTLINE_SUBSCRIPTIONS_MAX_IN_FLIGHT", "500",
                "EVENTLINE_SUBSCRIPTIONS_MAX_BUFFERED_BYTES", "1048576",
                "EVENTLINE_LIMITS_MAX_SUBSCRIPTIONS_PER_CONNECTION", "7")));

        assertEquals(List.of("redis://127.0.0.1:7001", "redis://127.0.0.1:7002"), config.redis().clusterUris());
        assertFalse(config.metrics().enabled());
        assertEquals(500, config.subscriptions().settings().maxMaxInFlight());
        assertEquals(1024 * 1024, config.subscriptions().settings().maxBufferedBytes());
        assertEquals(7, config.grpc().maxSubscriptionsPerConnection());
        ConfigurationException both = assertThrows(ConfigurationException.class, () -> EventlineConfig.from(ConfigProperties.load(
                List.of("--redis.uri=redis://127.0.0.1:6379", "--redis.cluster-uris=redis://127.0.0.1:7001"), Map.of())));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        ConfigurationException halfTls = assertThrows(ConfigurationException.class, () -> EventlineConfig.from(ConfigProperties.load(
                List.of("--security.tls.cert-chain=/etc/hostname"), Map.of())));
        assertTrue(halfTls.getMessage().contains("needs both"), halfTls.getMessage());
    }

    @Test
    void everyPropertyMapsFromTheEnvironment() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("EVENTLINE_GRPC_HOST", "127.0.0.1"),
                Map.entry("EVENTLINE_GRPC_PORT", "6000"),
                Map.entry("EVENTLINE_GRPC_SHUTDOWN_TIMEOUT", "3s"),
                Map.entry("EVENTLINE_GRPC_MAX_INBOUND_MESSAGE_BYTES", "2048"),
                Map.entry("EVENTLINE_REDIS_URI", "redis://user:secret@127.0.0.1:6380"),
                Map.entry("EVENTLINE_REDIS_COMMAND_TIMEOUT", "500ms"),
                Map.entry("EVENTLINE_REDIS_EMBEDDED_DATA_DIR", "/var/lib/eventline"),
                Map.entry("EVENTLINE_REDIS_EMBEDDED_PORT", "6399"),
                Map.entry("EVENTLINE_REDIS_EMBEDDED_APPENDFSYNC", "always"),
                Map.entry("EVENTLINE_REDIS_EMBEDDED_STREAM_NODE_MAX_BYTES", "4096"),
                Map.entry("EVENTLINE_STORE_NAMESPACE", "prod"),
                Map.entry("EVENTLINE_STORE_PARTITIONS", "8"),
                Map.entry("EVENTLINE_STORE_READ_PAGE_SIZE", "100"),
                Map.entry("EVENTLINE_STORE_READ_PAGE_BYTES", "2097152"),
                Map.entry("EVENTLINE_STORE_ALL_LOG_RETENTION", "7d"),
                Map.entry("EVENTLINE_STORE_DEDUP_WINDOW", "4"),
                Map.entry("EVENTLINE_STORE_GROUP_COMMIT_MAX_CALLS_IN_FLIGHT", "3"),
                Map.entry("EVENTLINE_STORE_GROUP_COMMIT_MAX_CALL_EVENTS", "50"),
                Map.entry("EVENTLINE_STORE_GROUP_COMMIT_MAX_CALL_BYTES", "60000"),
                Map.entry("EVENTLINE_STORE_GROUP_COMMIT_MAX_QUEUED_EVENTS", "700"),
                Map.entry("EVENTLINE_STORE_GROUP_COMMIT_MAX_QUEUED_BYTES", "800000"),
                Map.entry("EVENTLINE_LIMITS_MAX_APPEND_EVENTS", "10"),
                Map.entry("EVENTLINE_LIMITS_MAX_EVENT_BYTES", "1000"),
                Map.entry("EVENTLINE_LIMITS_MAX_APPEND_BYTES", "5000"),
                Map.entry("EVENTLINE_LIMITS_MAX_SNAPSHOT_BYTES", "7000"),
                Map.entry("EVENTLINE_TEST_REDIS_URI", "ignored: read by the test harness only"),
                Map.entry("PATH", "/usr/bin"));

        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(List.of(), environment));

        assertEquals("127.0.0.1", config.grpc().host());
        assertEquals(6000, config.grpc().port());
        assertEquals(Duration.ofSeconds(3), config.grpc().shutdownTimeout());
        assertEquals(2048, config.grpc().maxInboundMessageBytes());
        assertEquals(Optional.of("redis://user:secret@127.0.0.1:6380"), config.redis().uri());
        assertEquals(Duration.ofMillis(500), config.redis().commandTimeout());
        assertEquals(Path.of("/var/lib/eventline"), config.redis().embeddedDataDir());
        assertEquals(6399, config.redis().embeddedPort());
        assertEquals("always", config.redis().embeddedAppendFsync());
        assertEquals(4096, config.redis().embeddedStreamNodeMaxBytes());
        assertEquals("prod", config.store().namespace());
        assertEquals(8, config.store().partitions());
        assertEquals(100, config.store().readPageSize());
        assertEquals(2 * 1024 * 1024, config.store().readPageBytes());
        assertEquals(Duration.ofDays(7), config.store().allLogRetention());
        assertEquals(4, config.store().limits().dedupWindow());
        assertEquals(new GroupCommitLimits(3, 50, 60000, 700, 800000), config.store().groupCommit());
        assertEquals(10, config.store().limits().maxAppendEvents());
        assertEquals(1000, config.store().limits().maxEventBytes());
        assertEquals(5000, config.store().limits().maxAppendBytes());
        assertEquals(7000, config.store().maxSnapshotBytes());
    }

    @Test
    void flagsOverrideEnvironmentWhichOverridesTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("eventline.properties");
        Files.writeString(file, "grpc.port=7001\nstore.namespace=from-file\nstore.partitions=2\n");

        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(
                List.of("--config=" + file, "--grpc.port=7003"),
                Map.of("EVENTLINE_GRPC_PORT", "7002", "EVENTLINE_STORE_NAMESPACE", "from-env")));

        assertEquals(7003, config.grpc().port());
        assertEquals("from-env", config.store().namespace());
        assertEquals(2, config.store().partitions());
    }

    @Test
    void unknownKeysFailTheStart() {
        ConfigurationException flag = assertThrows(ConfigurationException.class,
                () -> EventlineConfig.from(ConfigProperties.load(List.of("--grpc.prot=1"), Map.of())));
        assertTrue(flag.getMessage().contains("flag --grpc.prot"), flag.getMessage());

        ConfigurationException env = assertThrows(ConfigurationException.class,
                () -> EventlineConfig.from(ConfigProperties.load(List.of(), Map.of("EVENTLINE_REDIS_URL", "redis://x"))));
        assertTrue(env.getMessage().contains("EVENTLINE_REDIS_URL"), env.getMessage());
    }

    @Test
    void badValuesFailWithTheSettingNamed() {
        assertFailure("--grpc.port=http", "flag --grpc.port: 'http' is not a whole number");
        assertFailure("--grpc.port=70000", "flag --grpc.port: must be between 0 and 65535");
        assertFailure("--store.all-log-retention=forever", "flag --store.all-log-retention: 'forever' is not a duration");
        assertFailure("--redis.embedded.appendfsync=sometimes", "flag --redis.embedded.appendfsync: must be always, everysec or no");
        assertFailure("--store.namespace={x}", "flag --store.namespace: must be non-empty and free of '{' and '}'");
        assertFailure("positional", "argument 'positional' is not of the form --key=value");
    }

    @Test
    void theDescriptionMasksThePassword() {
        EventlineConfig config = EventlineConfig.from(ConfigProperties.load(List.of("--redis.uri=redis://app:s3cret@127.0.0.1:6379"), Map.of()));

        assertFalse(config.describe().contains("s3cret"), config.describe());
        assertTrue(config.describe().contains("redis://***@127.0.0.1:6379"), config.describe());
    }

    private static void assertFailure(String flag, String message) {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> EventlineConfig.from(ConfigProperties.load(List.of(flag), Map.of())));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
