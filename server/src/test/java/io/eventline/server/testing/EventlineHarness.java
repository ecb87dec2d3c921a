package io.eventline.server.testing;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.EventlineServer;
import io.eventline.server.config.ConfigProperties;
import io.eventline.server.config.EventlineConfig;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.wiring.ConfigModule;
import io.eventline.server.wiring.GrpcModule;
import io.eventline.server.wiring.MetricsModule;
import io.eventline.server.wiring.RedisModule;
import io.eventline.server.wiring.StoreModule;
import io.eventline.server.wiring.SubscriptionModule;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server built from the production modules, started by its own lifecycle, on a fresh namespace
 * of a real Redis and served in-process: {@link TestOverrides} swaps what tests need different.
 * Small limits make the limit checks cheap to reach.
 */
public final class EventlineHarness implements AutoCloseable {
    public static final StoreLimits LIMITS = new StoreLimits(100, 64 * 1024, 256 * 1024, 16);
    public static final int PAGE_SIZE = 64;
    /** Short, so tests see heartbeats quickly. */
    public static final java.time.Duration HEARTBEAT_INTERVAL = java.time.Duration.ofMillis(300);
    /** The max_in_flight a subscription gets when its request says 0. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100;

    private final EventlineServer server;
    private final RedisConnection redis;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final String namespace;
    private final int partitions;
    private final ManagedChannel channel;
    private final MutableClock clock = new MutableClock();

    private EventlineHarness(TestRedis testRedis, String namespace, int partitions) {
        this.namespace = namespace;
        this.partitions = partitions;
        String serverName = InProcessServerBuilder.generateName();
        var injector = Guice.createInjector(Stage.PRODUCTION, Modules.override(new ConfigModule(config(testRedis, namespace, partitions)),
                new RedisModule(), new MetricsModule(), new StoreModule(), new SubscriptionModule(), new GrpcModule())
                .with(new TestOverrides(serverName, clock)));
        this.server = injector.getInstance(EventlineServer.class);
        this.redis = injector.getInstance(RedisConnection.class);
        this.meters = injector.getInstance(io.micrometer.core.instrument.MeterRegistry.class);
        server.start();
        this.channel = InProcessChannelBuilder.forName(serverName).build();
    }

    /** The production settings with the test Redis, a namespace, and the small limits and short intervals the tests rely on. */
    private static EventlineConfig config(TestRedis testRedis, String namespace, int partitions) {
        Map<String, String> settings = new LinkedHashMap<>();
        testRedis.serverFlags().forEach(flag -> settings.put(flag.substring(2, flag.indexOf('=')), flag.substring(flag.indexOf('=') + 1)));
        settings.put("store.namespace", namespace);
        settings.put("store.partitions", Integer.toString(partitions));
        settings.put("store.read-page-size", Integer.toString(PAGE_SIZE));
        settings.put("store.dedup-window", Integer.toString(LIMITS.dedupWindow()));
        settings.put("limits.max-append-events", Integer.toString(LIMITS.maxAppendEvents()));
        settings.put("limits.max-event-bytes", Integer.toString(LIMITS.maxEventBytes()));
        settings.put("limits.max-append-bytes", Integer.toString(LIMITS.maxAppendBytes()));
        settings.put("limits.max-snapshot-bytes", Integer.toString(64 * 1024));
        // in-process calls share one "connection": the per-connection limit is LimitsTest's, over Netty
        settings.put("limits.max-subscriptions-per-connection", "1000000");
        settings.put("subscriptions.default-max-in-flight", Integer.toString(DEFAULT_MAX_IN_FLIGHT));
        settings.put("subscriptions.heartbeat-interval", HEARTBEAT_INTERVAL.toMillis() + "ms");
        settings.put("subscriptions.poll-interval", "1s");
        settings.put("grpc.shutdown-timeout", "5s");
        settings.put("metrics.port", "-1");
        return EventlineConfig.from(ConfigProperties.of(settings));
    }

    /** What tests change in the production wiring: an in-process transport, a clock they move, a registry of their own. */
    private static final class TestOverrides extends AbstractModule {
        private final String serverName;
        private final MutableClock clock;

        TestOverrides(String serverName, MutableClock clock) {
            this.serverName = serverName;
            this.clock = clock;
        }

        @Override
        protected void configure() {
            bind(Clock.class).toInstance(clock);
        }

        @Provides
        @Singleton
        ServerBuilder<?> serverBuilder() {
            return InProcessServerBuilder.forName(serverName);
        }

        /** Without the JVM meters, which every harness would otherwise register for good. */
        @Provides
        @Singleton
        PrometheusMeterRegistry prometheusRegistry() {
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
    }

    public static EventlineHarness start(TestRedis redis) {
        return new EventlineHarness(redis, redis.newNamespace(), redis.partitions());
    }

    public static EventlineHarness start(TestRedis redis, int partitions) {
        return new EventlineHarness(redis, redis.newNamespace(), partitions);
    }

    /** A server on an existing store's namespace (e.g. one a separate server process wrote). */
    public static EventlineHarness onNamespace(TestRedis redis, String namespace) {
        return new EventlineHarness(redis, namespace, redis.partitions());
    }

    /** A second server instance on the same store (same Redis, same namespace), with its own connections. */
    public static EventlineHarness join(TestRedis redis, EventlineHarness other) {
        return new EventlineHarness(redis, other.namespace, redis.partitions());
    }

    public EventStoreServiceGrpc.EventStoreServiceBlockingStub events() {
        return EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public EventStoreServiceGrpc.EventStoreServiceStub asyncEvents() {
        return EventStoreServiceGrpc.newStub(channel);
    }

    public ConsumerGroupServiceGrpc.ConsumerGroupServiceBlockingStub groups() {
        return ConsumerGroupServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public StreamServiceGrpc.StreamServiceBlockingStub streams() {
        return StreamServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** The server's meters, e.g. the subscriptions' buffered bytes. */
    public io.micrometer.core.instrument.MeterRegistry meters() {
        return meters;
    }

    public MutableClock clock() {
        return clock;
    }

    public int partitions() {
        return partitions;
    }

    public String namespace() {
        return namespace;
    }

    public RedisConnection redis() {
        return redis;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }
}
