package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.concurrent.DaemonThreads;
import io.eventline.server.config.SubscriptionConfig;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.subscribe.DeliverySettler;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.LogTailers;
import io.eventline.server.store.subscribe.SubscriptionHub;
import io.eventline.server.store.subscribe.SubscriptionManager;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** The subscription path: consumer groups, catch-up subscriptions, the log tailer. */
public final class SubscriptionModule extends AbstractModule {
    /** How long the tailer's XREAD blocks; well under the command timeout. */
    static final Duration TAILER_BLOCK = Duration.ofSeconds(1);

    @Override
    protected void configure() {
        bind(SubscriptionHub.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ScheduledExecutorService subscriptionScheduler(SubscriptionConfig config) {
        return DaemonThreads.scheduler("subscriptions", config.schedulerThreads());
    }

    @Provides
    @Singleton
    GroupStore groupStore(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, Clock clock) {
        return new GroupStore(redis, keys, codec, clock);
    }

    @Provides
    @Singleton
    GroupAdmin groupAdmin(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupStore groups, SubscriptionHub hub) {
        return new GroupAdmin(redis, groups, hub);
    }

    @Provides
    @Singleton
    DeliverySettler deliverySettler(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, GroupStore groups, SubscriptionHub hub,
            EventlineMetrics metrics) {
        return new DeliverySettler(redis, keys, groups, hub, metrics);
    }

    @Provides
    @Singleton
    SubscriptionManager subscriptionManager(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, GroupStore groups,
            EventReader reader, SubscriptionHub hub, ScheduledExecutorService scheduler, Clock clock, SubscriptionConfig config, EventlineMetrics metrics) {
        return new SubscriptionManager(redis, keys, codec, groups, reader, hub, scheduler, clock, config.settings(), metrics);
    }

    @Provides
    @Singleton
    LogTailers logTailers(RedisConnection redis, StoreKeys keys, SubscriptionHub hub) {
        return new LogTailers(redis, keys, hub, TAILER_BLOCK);
    }
}
