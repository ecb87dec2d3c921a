package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.RedisConfig;
import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.redis.RedisStartupReport;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Redis: the embedded child or the configured URI, one shared connection, the start-up report. */
public final class RedisModule extends AbstractModule {
    private static final Logger log = LoggerFactory.getLogger(RedisModule.class);

    @Provides
    @Singleton
    RedisConnection redisConnection(RedisConfig config, MeterRegistry registry) {
        ClientResources resources = DefaultClientResources.builder()
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create()))
                .build();
        if (!config.clusterUris().isEmpty()) {
            RedisConnection cluster = RedisConnection.openCluster(config.clusterUris(), config.commandTimeout(), resources);
            report(cluster, config.maskedUri().orElseThrow());
            return cluster;
        }
        Optional<EmbeddedRedis> embedded = Optional.empty();
        String uri;
        String description;
        if (config.uri().isPresent()) {
            uri = config.uri().get();
            description = config.maskedUri().orElseThrow();
        }
        else {
            log.info("No redis.uri (EVENTLINE_REDIS_URI) configured: starting an embedded redis-server");
            EmbeddedRedis started = EmbeddedRedis.start(
                    new RedisBinaryLocator(true, System.getenv("PATH")).locate(),
                    config.embeddedDataDir(),
                    config.embeddedPort(),
                    config.embeddedAppendFsync(),
                    config.embeddedStreamNodeMaxBytes());
            embedded = Optional.of(started);
            uri = started.uri();
            description = "embedded " + started.uri();
        }
        RedisConnection connection = RedisConnection.open(uri, config.commandTimeout(), embedded, resources);
        report(connection, description);
        return connection;
    }

    private static void report(RedisConnection connection, String description) {
        try {
            connection.withServerCommands(commands -> new RedisStartupReport().report(commands, description));
        }
        catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Provides
    @Singleton
    RedisClusterAsyncCommands<byte[], byte[]> redisCommands(RedisConnection connection) {
        return connection.commands();
    }
}
