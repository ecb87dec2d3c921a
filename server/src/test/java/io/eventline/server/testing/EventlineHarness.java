package io.eventline.server.testing;

import io.eventline.proto.v1.ConsumerGroupServiceGrpc;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.StreamServiceGrpc;
import io.eventline.server.grpc.ConsumerGroupGrpcService;
import io.eventline.server.grpc.EventStoreGrpcService;
import io.eventline.server.grpc.EventlineGrpcServer;
import io.eventline.server.grpc.ProtoMapper;
import io.eventline.server.grpc.StatusMapper;
import io.eventline.server.grpc.StreamGrpcService;
import io.eventline.server.grpc.UnaryResponder;
import io.eventline.server.metrics.EventlineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.eventline.server.redis.RedisConnection;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.StoreUnavailableException;
import io.eventline.server.store.subscribe.DeliverySettler;
import io.eventline.server.store.subscribe.GroupAdmin;
import io.eventline.server.store.subscribe.GroupStore;
import io.eventline.server.store.subscribe.LogTailers;
import io.eventline.server.store.subscribe.SubscriptionHub;
import io.eventline.server.store.subscribe.SubscriptionManager;
import io.eventline.server.store.subscribe.SubscriptionSettings;
import io.eventline.server.store.append.AppendValidator;
import io.eventline.server.store.append.EventAppender;
import io.eventline.server.store.append.ReplicationWait;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.streams.SnapshotStore;
import io.eventline.server.store.streams.StreamAdmin;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store and its gRPC services wired by hand (no Guice) on a fresh namespace of a real Redis,
 * served in-process. Small limits make the limit checks cheap to reach.
 */
public final class EventlineHarness implements AutoCloseable {
    public static final StoreLimits LIMITS = new StoreLimits(100, 64 * 1024, 256 * 1024, 16);
    public static final int PAGE_SIZE = 64;
    /** Short, so tests see heartbeats quickly. */
    public static final java.time.Duration HEARTBEAT_INTERVAL = java.time.Duration.ofMillis(300);
    /** The max_in_flight a subscription gets when its request says 0. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100;

    private final RedisConnection redis;
    private final String namespace;
    private final int partitions;
    private final EventlineGrpcServer server;
    private final ManagedChannel channel;
    private final MutableClock clock = new MutableClock();
    private final SubscriptionHub hub = new SubscriptionHub();
    private final EventlineMetrics metrics = new EventlineMetrics(new SimpleMeterRegistry());
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final LogTailers tailer;

    private EventlineHarness(TestRedis testRedis, String namespace, int partitions) {
        this.redis = testRedis.connect();
        this.namespace = namespace;
        this.partitions = partitions;
        StoreKeys keys = new StoreKeys(namespace, partitions);
        EventEntryCodec codec = new EventEntryCodec();
        ProtoMapper mapper = new ProtoMapper();
        StatusMapper statusMapper = new StatusMapper();
        UnaryResponder responder = new UnaryResponder(statusMapper);
        var commands = redis.commands();
        EventReader reader = new EventReader(commands, keys, codec, clock, PAGE_SIZE);
        GroupStore groups = new GroupStore(commands, keys, codec, clock);
        SubscriptionManager subscriptions = new SubscriptionManager(commands, keys, codec, groups, reader, hub, scheduler, clock,
                new SubscriptionSettings(DEFAULT_MAX_IN_FLIGHT, 10_000, HEARTBEAT_INTERVAL, java.time.Duration.ofSeconds(1)), metrics);
        EventStoreGrpcService eventStore = new EventStoreGrpcService(
                new EventAppender(keys, new AppendValidator(LIMITS), codec, LIMITS.dedupWindow(), metrics, ReplicationWait.none(commands)),
                reader, subscriptions, new DeliverySettler(commands, keys, groups, hub, metrics),
                mapper, statusMapper, responder, metrics);
        StreamGrpcService streams = new StreamGrpcService(new StreamAdmin(commands, keys, codec), new SnapshotStore(commands, keys, 64 * 1024), mapper, responder);
        ConsumerGroupGrpcService groupService = new ConsumerGroupGrpcService(groups, new GroupAdmin(commands, groups, hub), mapper, responder);
        this.tailer = LogTailers.open(redis, keys, hub, java.time.Duration.ofMillis(500));
        tailer.start();
        String serverName = InProcessServerBuilder.generateName();
        this.server = new EventlineGrpcServer(InProcessServerBuilder.forName(serverName), List.of(eventStore, streams, groupService), new HealthStatusManager());
        server.start();
        this.channel = InProcessChannelBuilder.forName(serverName).build();
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
        return metrics.registry();
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
        server.stop(Duration.ofSeconds(5), () -> hub.terminateAll(new StoreUnavailableException("test harness stopping")));
        tailer.close();
        scheduler.shutdownNow();
        redis.close();
    }
}
