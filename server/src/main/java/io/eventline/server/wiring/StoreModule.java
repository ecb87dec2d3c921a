package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.config.RedisConfig;
import io.eventline.server.config.StoreConfig;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.AllLogTrimmer;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.append.AppendValidator;
import io.eventline.server.store.append.EventAppender;
import io.eventline.server.store.append.ReplicationWait;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.streams.SnapshotStore;
import io.eventline.server.store.streams.StreamAdmin;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Clock;

/** The store: append, read, stream management. It knows Redis, not gRPC. */
public final class StoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(EventEntryCodec.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    StoreKeys storeKeys(StoreConfig config) {
        return new StoreKeys(config.namespace(), config.partitions());
    }

    @Provides
    @Singleton
    EventAppender eventAppender(RedisClusterAsyncCommands<byte[], byte[]> redis, RedisConnection connection, StoreKeys keys, EventEntryCodec codec,
            StoreConfig config, EventlineMetrics metrics, RedisConfig redisConfig) {
        return new EventAppender(keys, new AppendValidator(config.limits()), codec, config.limits().dedupWindow(), config.groupCommit(), metrics,
                new ReplicationWait(redis, connection, redisConfig.waitReplicas(), redisConfig.waitTimeout()));
    }

    @Provides
    @Singleton
    EventReader eventReader(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, Clock clock, StoreConfig config) {
        return new EventReader(redis, keys, codec, clock, config.readPageSize(), config.readPageBytes(), config.limits().maxEventBytes());
    }

    @Provides
    @Singleton
    StreamAdmin streamAdmin(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec) {
        return new StreamAdmin(redis, keys, codec);
    }

    @Provides
    @Singleton
    SnapshotStore snapshotStore(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, StoreConfig config) {
        return new SnapshotStore(redis, keys, config.maxSnapshotBytes());
    }

    @Provides
    @Singleton
    AllLogTrimmer allLogTrimmer(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, Clock clock, StoreConfig config) {
        return new AllLogTrimmer(redis, keys, clock, config.allLogRetention());
    }
}
