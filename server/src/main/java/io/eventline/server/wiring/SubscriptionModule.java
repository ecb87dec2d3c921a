package io.eventline.server.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.eventline.server.concurrent.DaemonThreads;
import io.eventline.server.config.SecurityConfig;
import io.eventline.server.config.StoreConfig;
import io.eventline.server.config.SubscriptionConfig;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.subscribe.AckKeyring;
import io.eventline.server.store.subscribe.DeliverySettler;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.IdleConsumerSweeper;
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
    /** Consumers the server named and a crashed server left behind are forgotten once idle this long. */
    static final Duration ANONYMOUS_CONSUMER_IDLE = Duration.ofHours(1);

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
    IdleConsumerSweeper idleConsumerSweeper(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupStore groups) {
        return new IdleConsumerSweeper(redis, groups, ANONYMOUS_CONSUMER_IDLE);
    }

    @Provides
    @Singleton
    AckKeyring ackKeyring(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, Clock clock, SecurityConfig security) {
        return new AckKeyring(redis, keys, clock, security.ackKeyRotation());
    }

    @Provides
    @Singleton
    DeliverySettler deliverySettler(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, GroupStore groups, AckKeyring keyring,
            SubscriptionHub hub, EventlineMetrics metrics) {
        return new DeliverySettler(redis, keys, groups, keyring, hub, metrics);
    }

    @Provides
    @Singleton
    SubscriptionManager subscriptionManager(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, GroupStore groups,
            EventReader reader, AckKeyring keyring, SubscriptionHub hub, ScheduledExecutorService scheduler, Clock clock, SubscriptionConfig config,
            StoreConfig storeConfig, EventlineMetrics metrics) {
        return new SubscriptionManager(redis, keys, codec, groups, reader, keyring, hub, scheduler, clock, config.settings(),
                storeConfig.limits().maxEventBytes(), metrics);
    }

    @Provides
    @Singleton
    LogTailers logTailers(RedisConnection redis, StoreKeys keys, SubscriptionHub hub) {
        return new LogTailers(redis, keys, hub, TAILER_BLOCK);
    }
}
