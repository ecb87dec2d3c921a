package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.RedisConfig;
import io.eventline.server.lifecycle.DataDirectoryLock;
import io.eventline.server.redis.EmbeddedRedisSupervisor;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.redis.RedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;

/**
 * Redis: the embedded child (and the lock on its data directory) or the configured URI, and one
 * shared connection. Everything here is made unstarted: EventlineServer.start() starts it.
 */
public final class RedisModule extends AbstractModule {
    @Provides
    @Singleton
    Optional<EmbeddedRedisSupervisor> embeddedRedis(RedisConfig config) {
        if (!embedded(config)) {
            return Optional.empty();
        }
        RedisBinaryLocator locator = new RedisBinaryLocator(true, System.getenv("PATH"));
        return Optional.of(new EmbeddedRedisSupervisor(locator::locate, config.embeddedDataDir(), config.embeddedPort(),
                config.embeddedAppendFsync(), config.embeddedStreamNodeMaxBytes()));
    }

    @Provides
    @Singleton
    Optional<DataDirectoryLock> dataDirectoryLock(RedisConfig config) {
        return embedded(config) ? Optional.of(new DataDirectoryLock(config.embeddedDataDir())) : Optional.empty();
    }

    @Provides
    @Singleton
    RedisConnection redisConnection(RedisConfig config, MeterRegistry registry, Optional<EmbeddedRedisSupervisor> embedded) {
        ClientResources resources = DefaultClientResources.builder()
                .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create()))
                .build();
        if (!config.clusterUris().isEmpty()) {
            return RedisConnection.cluster(config.clusterUris(), config.commandTimeout(), resources, config.maskedUri()::orElseThrow);
        }
        if (embedded.isPresent()) {
            EmbeddedRedisSupervisor supervisor = embedded.get();
            return RedisConnection.singleNode(supervisor::uri, config.commandTimeout(), resources, () -> "embedded " + supervisor.uri());
        }
        String uri = config.uri().orElseThrow();
        return RedisConnection.singleNode(() -> uri, config.commandTimeout(), resources, config.maskedUri()::orElseThrow);
    }

    @Provides
    @Singleton
    RedisClusterAsyncCommands<byte[], byte[]> redisCommands(RedisConnection connection) {
        return connection.commands();
    }

    private static boolean embedded(RedisConfig config) {
        return config.uri().isEmpty() && config.clusterUris().isEmpty();
    }
}
