package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.store.Caller;
import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.read.EventReader;
import io.eventline.server.store.read.PartitionLogCursor;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadDirection;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/** The subscription path: opens group consumers and catch-up subscriptions. */
public final class SubscriptionManager {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final GroupStore groups;
    private final EventReader reader;
    private final PendingEntries entries;
    private final Parker parker;
    private final ConsumerRemover remover;
    private final SubscriptionHub hub;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final SubscriptionSettings settings;
    /** The largest an event may be: a consumer's first read takes no more than fit in its byte budget. */
    private final int maxEventBytes;

    public SubscriptionManager(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, GroupStore groups,
            EventReader reader, AckKeyring keyring, SubscriptionHub hub, ScheduledExecutorService scheduler, Clock clock,
            SubscriptionSettings settings, int maxEventBytes, EventlineMetrics metrics) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.entries = new PendingEntries(redis, keys, codec, keyring);
        this.parker = new Parker(redis, keys, metrics);
        this.remover = new ConsumerRemover(redis);
        this.hub = requireNonNull(hub, "hub is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.maxEventBytes = maxEventBytes;
    }

    /** Opens a subscription that delivers to {@code sink} until closed; a scoped caller's $all is its own streams. */
    public CompletableFuture<Subscription> open(SubscribeRequest request, SubscriptionSink sink, Caller caller) {
        int maxInFlight;
        String consumer;
        try {
            maxInFlight = request.maxInFlight() == 0 ? settings.defaultMaxInFlight() : request.maxInFlight();
            if (maxInFlight < 1 || maxInFlight > settings.maxMaxInFlight()) {
                throw new InvalidArgumentException("max_in_flight", "must be between 1 and " + settings.maxMaxInFlight());
            }
            consumer = request.consumer().isEmpty() ? Names.anonymousConsumer() : Names.check(request.consumer(), "consumer");
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String subscriptionId = UUID.randomUUID().toString();
        SubscriptionStart start = request.start().orElse(new SubscriptionStart.Beginning());
        if (request.group().isEmpty()) {
            return catchUp(request.target().narrowedTo(caller.scope()), start, consumer, subscriptionId, sink);
        }
        return groups.ensure(request.group(), request.target(), start, caller).thenApply(definition -> {
            GroupConsumer groupConsumer = new GroupConsumer(redis, definition, groups.sources(definition), consumer, subscriptionId, maxInFlight,
                    new ByteBudget(settings.maxBufferedBytes(), maxEventBytes),
                    entries, parker, remover, sink, hub, scheduler, clock, settings.heartbeatInterval());
            groupConsumer.start();
            return groupConsumer;
        });
    }

    private CompletableFuture<Subscription> catchUp(SubscriptionTarget target, SubscriptionStart start, String consumer, String subscriptionId,
            SubscriptionSink sink) {
        try {
            CatchUpSubscriber subscriber = new CatchUpSubscriber(target, opener(target, start), notBefore(target, start), consumer, subscriptionId,
                    sink, hub, scheduler, clock, settings.pollInterval(), settings.heartbeatInterval());
            subscriber.start();
            return CompletableFuture.completedFuture(subscriber);
        }
        catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static long notBefore(SubscriptionTarget target, SubscriptionStart start) {
        return !target.isAll() && start instanceof SubscriptionStart.AtTime atTime ? atTime.time().toEpochMilli() : Long.MIN_VALUE;
    }

    /** How the catch-up cursor opens; a start at the end looks the end up when the subscription first reads. */
    private java.util.function.Supplier<CompletableFuture<ReadCursor>> opener(SubscriptionTarget target, SubscriptionStart start) {
        if (target.stream().isPresent()) {
            StreamName stream = target.stream().get();
            if (start instanceof SubscriptionStart.AtPosition) {
                throw new InvalidArgumentException("start.position", "a stream starts at a version or a time, not a position");
            }
            if (start instanceof SubscriptionStart.End) {
                CompletableFuture<Long> end = redis.hget(keys.locate(stream).metaKey(), StoredField.META_VERSION.bytes()).toCompletableFuture()
                        .thenApply(version -> version == null ? 1 : Long.parseLong(new String(version, StandardCharsets.US_ASCII)) + 1);
                return () -> end.thenApply(from -> reader.openStream(stream, from));
            }
            long from = start instanceof SubscriptionStart.AtVersion atVersion ? Math.max(1, atVersion.version()) : 1;
            return () -> CompletableFuture.completedFuture(reader.openStream(stream, from));
        }
        if (start instanceof SubscriptionStart.AtVersion) {
            throw new InvalidArgumentException("start.version", "$all has no versions; start at a position or a time");
        }
        if (start instanceof SubscriptionStart.End) {
            CompletableFuture<List<Range.Boundary<String>>> tails = logTails();
            return () -> tails.thenApply(boundaries -> reader.openAll(boundaries, target.eventTypes()));
        }
        List<Range.Boundary<String>> boundaries = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            if (start instanceof SubscriptionStart.AtPosition atPosition) {
                boundaries.add(PartitionLogCursor.startBoundary(partition, ReadDirection.FORWARD, atPosition.position()));
            }
            else if (start instanceof SubscriptionStart.AtTime atTime) {
                // a time before 1970 is before every event: the beginning
                boundaries.add(Range.Boundary.including(new Position(partition, Math.max(0, atTime.time().toEpochMilli()), 0).entryId()));
            }
            else {
                boundaries.add(Range.Boundary.unbounded());
            }
        }
        return () -> CompletableFuture.completedFuture(reader.openAll(boundaries, target.eventTypes()));
    }

    private CompletableFuture<List<Range.Boundary<String>>> logTails() {
        List<CompletableFuture<Range.Boundary<String>>> tails = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            tails.add(redis.xrevrange(keys.logKey(partition), Range.unbounded(), Limit.from(1)).toCompletableFuture()
                    .thenApply(last -> last.isEmpty() ? Range.Boundary.<String>unbounded() : Range.Boundary.excluding(last.get(0).getId())));
        }
        return CompletableFuture.allOf(tails.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> tails.stream().map(CompletableFuture::join).toList());
    }
}
