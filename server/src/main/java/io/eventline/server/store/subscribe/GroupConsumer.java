package io.eventline.server.store.subscribe;

import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.StoreFailure;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.eventline.server.concurrent.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One consumer of a group: reads new entries with XREADGROUP on the shared connection (never
 * blocking: the log tailer wakes it), keeps at most {@code maxInFlight} deliveries unsettled, and on
 * each tick drops deliveries settled elsewhere, reclaims deliveries idle past the ack timeout
 * (XAUTOCLAIM; parking those past max deliveries) and reads replayed parked messages. On start it
 * first re-delivers its own pending entries, so a reconnecting consumer strands nothing.
 * <p>
 * Memory: it reads, reclaims and replays only while the sink is ready (nothing of its earlier
 * deliveries still queued there, so a reclaimed entry is never queued twice), and each time no more
 * entries than its {@link ByteBudget} allows: a client that stops reading holds one read's worth.
 */
final class GroupConsumer extends AbstractSubscription {
    private static final Logger log = LoggerFactory.getLogger(GroupConsumer.class);
    /** A Redis outage fails every read until it ends: one line a minute, not one per retry. */
    private final RateLimitedLog warnings = new RateLimitedLog(log, Duration.ofMinutes(1));

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final GroupDefinition group;
    private final List<GroupSource> sources;
    private final String consumer;
    private final String subscriptionId;
    private final int maxInFlight;
    private final ByteBudget budget;
    private final PendingEntries entries;
    private final Parker parker;
    private final ConsumerRemover remover;
    private final Consumer<byte[]> redisConsumer;
    private final Set<String> inFlight = new HashSet<>();
    /** Where the re-read of each key's own pending entries goes on (it is paged by the budget); absent: from the start. */
    private final Map<String, String> ownPendingAfter = new HashMap<>();
    private boolean busy;
    private boolean ownPendingDelivered;
    private boolean removed;

    GroupConsumer(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupDefinition group, List<GroupSource> sources, String consumer,
            String subscriptionId, int maxInFlight, ByteBudget budget, PendingEntries entries, Parker parker, ConsumerRemover remover, SubscriptionSink sink,
            SubscriptionHub hub,
            ScheduledExecutorService scheduler, Clock clock, Duration heartbeatInterval) {
        super(sink, hub, scheduler, clock, tickInterval(group.settings().ackTimeout()), heartbeatInterval);
        this.redis = requireNonNull(redis, "redis is null");
        this.group = requireNonNull(group, "group is null");
        this.sources = List.copyOf(sources);
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.subscriptionId = requireNonNull(subscriptionId, "subscriptionId is null");
        this.maxInFlight = maxInFlight;
        this.budget = requireNonNull(budget, "budget is null");
        this.entries = requireNonNull(entries, "entries is null");
        this.parker = requireNonNull(parker, "parker is null");
        this.remover = requireNonNull(remover, "remover is null");
        this.redisConsumer = Consumer.from(bytes(group.name()), bytes(consumer));
    }

    /** Reclaims run a few times per ack timeout, at most every second. */
    private static Duration tickInterval(Duration ackTimeout) {
        long millis = Math.max(50, Math.min(1000, ackTimeout.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    void start() {
        synchronized (this) {
            sink.confirmed(group.name(), consumer, subscriptionId);
            sent();
        }
        begin();
    }

    @Override
    public String group() {
        return group.name();
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public SubscriptionTarget target() {
        return group.target();
    }

    @Override
    public void settled(Collection<AckId> ackIds) {
        boolean freed = false;
        synchronized (this) {
            for (AckId ackId : ackIds) {
                freed |= inFlight.remove(ackId.identity());
            }
        }
        if (freed) {
            wakeIfMissed();
        }
    }

    /**
     * A consumer the server named cannot come back under its name: when its call ends it leaves the
     * group, handing its deliveries back at once instead of after the ack timeout.
     */
    @Override
    public void close() {
        boolean remove;
        synchronized (this) {
            remove = Names.isAnonymous(consumer) && !removed;
            removed = true;
        }
        super.close();
        if (remove) {
            remover.remove(group, sources, consumer).whenComplete((released, error) -> {
                if (error != null && !StoreFailure.of(error).is(StoreFailure.Kind.GROUP_DELETED)) {
                    // what is left is swept once idle (IdleConsumerSweeper); its deliveries come back after the ack timeout
                    log.warn("Could not remove the ended consumer {}/{}: {}", group.name(), consumer, error.toString());
                }
            });
        }
    }

    @Override
    public void reclaimSoon() {
        scheduleTickNow();
    }

    @Override
    protected void pump() {
        int window;
        synchronized (this) {
            window = budget.entries(maxInFlight - inFlight.size());
            if (isClosed()) {
                return;
            }
            if (busy || window <= 0 || !sink.isReady()) {
                missWake();
                return;
            }
            busy = true;
            readStarts();
        }
        boolean firstRead = !ownPendingDelivered;
        int asked = window;
        CompletableFuture<List<PendingEntries.Entry>> read = firstRead ? readOwnPending(window) : readNew(window);
        // a read that filled the window may have left entries behind; a shorter one took all there were
        read.thenCompose(entries -> resolve(entries, entries.size() >= asked)).whenComplete(guarded((outcome, error) -> {
            deliver(outcome, error);
            if (firstRead && error == null) {
                // the own pending list is done with, or has more: go on at once
                wake();
            }
        }));
    }

    @Override
    protected void tick() {
        synchronized (this) {
            if (isClosed() || busy) {
                return;
            }
            busy = true;
        }
        dropSettledElsewhere()
                .thenCompose(ignored -> reclaim())
                .thenCompose(reclaimed -> readReplays(reclaimed.size()).thenApply(replayed -> concat(reclaimed, replayed)))
                .thenCompose(read -> resolve(read, false))
                .whenComplete(guarded((outcome, error) -> {
                    deliver(outcome, error);
                    // also the safety net for a missed wake-up: look for new entries every tick
                    wake();
                }));
    }

    /** {@code mayHaveMore}: the read stopped at its window, not at the end of what there was. */
    private record Outcome(List<Delivery> deliveries, boolean mayHaveMore) {
    }

    private CompletableFuture<Outcome> resolve(List<PendingEntries.Entry> read, boolean mayHaveMore) {
        return entries.resolve(group, read).thenApply(deliveries -> new Outcome(deliveries, mayHaveMore));
    }

    private void deliver(Outcome outcome, Throwable error) {
        boolean more;
        synchronized (this) {
            busy = false;
            if (error != null) {
                StoreFailure failure = StoreFailure.of(error);
                Throwable cause = failure.cause();
                if (cause instanceof Error) {
                    failLoudly(cause);
                    return;
                }
                if (failure.is(StoreFailure.Kind.GROUP_DELETED)) {
                    // the group was deleted: end the subscription (NOT_FOUND) rather than retry forever
                    fail(cause);
                    return;
                }
                // a read may have been lost with its reply (e.g. a dropped connection): its entries are
                // pending for this consumer but never reached the client, so look at the own pending list again
                ownPendingDelivered = false;
                ownPendingAfter.clear();
                warnings.warn("read", "Consumer " + group.name() + "/" + consumer + " could not read: " + error);
                return;
            }
            if (isClosed()) {
                return;
            }
            budget.read(outcome.deliveries().stream().map(Delivery::event).toList());
            for (Delivery delivery : outcome.deliveries()) {
                inFlight.add(delivery.ackId().orElseThrow().ackId().identity());
            }
            if (!outcome.deliveries().isEmpty()) {
                sink.deliver(outcome.deliveries());
                sent();
            }
            more = outcome.mayHaveMore() || wakeMissed();
        }
        if (more) {
            wake();
        }
    }

    /** New entries of the sources, partition after partition until the window is full. */
    private CompletableFuture<List<PendingEntries.Entry>> readNew(int window) {
        return keyByKey(window, source -> List.of(source.sourceKey()), this::readUnseen);
    }

    /** Entries of {@code key} never delivered to the group. */
    private CompletableFuture<List<PendingEntries.Entry>> readUnseen(GroupSource source, byte[] key, int room) {
        return redis.xreadgroup(redisConsumer, XReadArgs.Builder.count(room), XReadArgs.StreamOffset.lastConsumed(key))
                .toCompletableFuture()
                .thenApply(messages -> asEntries(source, key, messages, Map.of()));
    }

    /** Reads one key after another, each for what is left of the window, until it is full. */
    private CompletableFuture<List<PendingEntries.Entry>> keyByKey(int window, Function<GroupSource, List<byte[]>> keysOf, KeyRead read) {
        CompletableFuture<List<PendingEntries.Entry>> all = CompletableFuture.completedFuture(List.of());
        for (GroupSource source : sources) {
            for (byte[] key : keysOf.apply(source)) {
                all = all.thenCompose(sofar -> {
                    int room = window - sofar.size();
                    if (room <= 0) {
                        return CompletableFuture.completedFuture(sofar);
                    }
                    return read.read(source, key, room).thenApply(more -> concat(sofar, more));
                });
            }
        }
        return all;
    }

    private static List<byte[]> bothKeys(GroupSource source) {
        return List.of(source.sourceKey(), source.replayKey());
    }

    private interface KeyRead {
        CompletableFuture<List<PendingEntries.Entry>> read(GroupSource source, byte[] key, int room);
    }

    /**
     * This consumer's own pending entries (from an earlier connection, or a read whose reply was
     * lost), delivered again before anything new, except those the client holds already. Paged by
     * the window: each pass goes on after the last entry the previous one read.
     */
    private CompletableFuture<List<PendingEntries.Entry>> readOwnPending(int window) {
        AtomicBoolean complete = new AtomicBoolean(true);
        return keyByKey(window, GroupConsumer::bothKeys, (source, key, room) -> {
            String name = new String(key, StandardCharsets.ISO_8859_1);
            String after;
            synchronized (this) {
                after = ownPendingAfter.getOrDefault(name, "0-0");
            }
            return redis.xreadgroup(redisConsumer, XReadArgs.Builder.count(room), XReadArgs.StreamOffset.from(key, after))
                    .toCompletableFuture()
                    .thenCompose(messages -> {
                        if (messages.size() >= room) {
                            complete.set(false);
                            synchronized (this) {
                                ownPendingAfter.put(name, messages.get(messages.size() - 1).getId());
                            }
                        }
                        return withCounts(source, key, messages);
                    })
                    .thenApply(this::notInFlight);
        }).thenApply(again -> {
            synchronized (this) {
                if (complete.get()) {
                    ownPendingDelivered = true;
                    ownPendingAfter.clear();
                }
            }
            return again;
        });
    }

    private synchronized List<PendingEntries.Entry> notInFlight(List<PendingEntries.Entry> entries) {
        List<PendingEntries.Entry> again = new ArrayList<>();
        for (PendingEntries.Entry entry : entries) {
            if (!inFlight.contains(entry.ackId().identity())) {
                // Redis does not count a re-read of the own pending list: this is one more delivery
                again.add(new PendingEntries.Entry(entry.source(), entry.key(), entry.message(), entry.deliveryCount() + 1));
            }
        }
        return again;
    }

    /** Forgets deliveries that are no longer pending for this consumer (settled on another instance, or reclaimed). */
    private CompletableFuture<Void> dropSettledElsewhere() {
        List<CompletableFuture<Set<String>>> reads = new ArrayList<>();
        for (GroupSource source : sources) {
            for (byte[] key : bothKeys(source)) {
                reads.add(redis.xpending(key, redisConsumer, Range.unbounded(), Limit.from(maxInFlight * 2L + 16)).toCompletableFuture()
                        .thenApply(pending -> {
                            Set<String> stillPending = new HashSet<>();
                            pending.forEach(message -> stillPending.add(source.ackIdOf(key, message.getId()).identity()));
                            return stillPending;
                        }));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenAccept(ignored -> {
            Set<String> stillPending = new HashSet<>();
            reads.forEach(read -> stillPending.addAll(read.join()));
            synchronized (this) {
                inFlight.retainAll(stillPending);
            }
        });
    }

    /**
     * Claims deliveries idle past the ack timeout (its own ones too: the client did not settle them
     * in time); those past max deliveries are parked instead. Only while the call can take them.
     */
    private CompletableFuture<List<PendingEntries.Entry>> reclaim() {
        return keyByKey(readyWindow(0), GroupConsumer::bothKeys, (source, key, room) -> {
            XAutoClaimArgs<byte[]> args = XAutoClaimArgs.Builder.xautoclaim(redisConsumer, group.settings().ackTimeout(), "0-0").count(room);
            return redis.xautoclaim(key, args).toCompletableFuture()
                    .thenCompose((ClaimedMessages<byte[], byte[]> claimed) -> withCounts(source, key, claimed.getMessages()))
                    .thenCompose(claimed -> parkExhausted(source, claimed));
        });
    }

    /** What a tick may take: nothing while the call still holds earlier deliveries, else the budget less {@code taken}. */
    private synchronized int readyWindow(int taken) {
        return sink.isReady() ? budget.entries(maxInFlight - inFlight.size()) - taken : 0;
    }

    private CompletableFuture<List<PendingEntries.Entry>> parkExhausted(GroupSource source, List<PendingEntries.Entry> claimed) {
        List<PendingEntries.Entry> deliverable = new ArrayList<>();
        List<CompletableFuture<?>> parked = new ArrayList<>();
        for (PendingEntries.Entry entry : claimed) {
            if (entry.deliveryCount() > group.settings().maxDeliveries() && entry.message().getBody() != null && !entry.message().getBody().isEmpty()) {
                parked.add(parker.park(group, entry.ackId(), "delivered " + group.settings().maxDeliveries() + " times without an ack"));
            }
            else {
                deliverable.add(entry);
            }
        }
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).thenApply(ignored -> deliverable);
    }

    /** Parked messages sent back by ReplayParked. */
    private CompletableFuture<List<PendingEntries.Entry>> readReplays(int claimed) {
        return keyByKey(readyWindow(claimed), source -> List.of(source.replayKey()), this::readUnseen);
    }

    /** Entries already pending: their delivery counts come from XPENDING. */
    private CompletableFuture<List<PendingEntries.Entry>> withCounts(GroupSource source, byte[] key, List<StreamMessage<byte[], byte[]>> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Range<String> range = Range.create(messages.get(0).getId(), messages.get(messages.size() - 1).getId());
        return redis.xpending(key, redisConsumer, range, Limit.from(messages.size())).toCompletableFuture().thenApply(pending -> {
            Map<String, Integer> counts = new HashMap<>();
            for (PendingMessage message : pending) {
                counts.put(message.getId(), (int) message.getRedeliveryCount());
            }
            return asEntries(source, key, messages, counts);
        });
    }

    private static List<PendingEntries.Entry> asEntries(GroupSource source, byte[] key, List<StreamMessage<byte[], byte[]>> messages,
            Map<String, Integer> counts) {
        List<PendingEntries.Entry> read = new ArrayList<>(messages.size());
        for (StreamMessage<byte[], byte[]> message : messages) {
            read.add(new PendingEntries.Entry(source, key, message, counts.getOrDefault(message.getId(), 1)));
        }
        return read;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
