package io.eventline.server.store.subscribe;

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

import static java.util.Objects.requireNonNull;

/**
 * One consumer of a group: reads new entries with XREADGROUP on the shared connection (never
 * blocking: the log tailer wakes it), keeps at most {@code maxInFlight} deliveries unsettled, and on
 * each tick drops deliveries settled elsewhere, reclaims deliveries idle past the ack timeout
 * (XAUTOCLAIM; parking those past max deliveries) and reads replayed parked messages. On start it
 * first re-delivers its own pending entries, so a reconnecting consumer strands nothing.
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
    private final PendingEntries entries;
    private final Parker parker;
    private final Consumer<byte[]> redisConsumer;
    private final Set<String> inFlight = new HashSet<>();
    private boolean busy;
    private boolean ownPendingDelivered;

    GroupConsumer(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupDefinition group, List<GroupSource> sources, String consumer,
            String subscriptionId, int maxInFlight, PendingEntries entries, Parker parker, SubscriptionSink sink, SubscriptionHub hub,
            ScheduledExecutorService scheduler, Clock clock, Duration heartbeatInterval) {
        super(sink, hub, scheduler, clock, tickInterval(group.settings().ackTimeout()), heartbeatInterval);
        this.redis = requireNonNull(redis, "redis is null");
        this.group = requireNonNull(group, "group is null");
        this.sources = List.copyOf(sources);
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.subscriptionId = requireNonNull(subscriptionId, "subscriptionId is null");
        this.maxInFlight = maxInFlight;
        this.entries = requireNonNull(entries, "entries is null");
        this.parker = requireNonNull(parker, "parker is null");
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
                freed |= inFlight.remove(entryKey(ackId.kind(), ackId.partition(), ackId.entryId()));
            }
        }
        if (freed) {
            wake();
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
            window = maxInFlight - inFlight.size();
            if (isClosed() || busy || window <= 0 || !sink.isReady()) {
                return;
            }
            busy = true;
        }
        boolean firstRead = !ownPendingDelivered;
        CompletableFuture<List<PendingEntries.Entry>> read = firstRead ? readOwnPending(window) : readNew(window);
        read.thenCompose(this::resolve).whenComplete((outcome, error) -> {
            deliver(outcome, error);
            if (firstRead && error == null) {
                // the own pending list is done with: go on to new entries at once
                wake();
            }
        });
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
                .thenCompose(reclaimed -> readReplays().thenApply(replayed -> concat(reclaimed, replayed)))
                .thenCompose(this::resolve)
                .whenComplete((outcome, error) -> {
                    deliver(outcome, error);
                    // also the safety net for a missed wake-up: look for new entries every tick
                    wake();
                });
    }

    private record Outcome(List<Delivery> deliveries, int entriesRead) {
    }

    private CompletableFuture<Outcome> resolve(List<PendingEntries.Entry> read) {
        return entries.resolve(group, read).thenApply(deliveries -> new Outcome(deliveries, read.size()));
    }

    private void deliver(Outcome outcome, Throwable error) {
        boolean more;
        synchronized (this) {
            busy = false;
            if (error != null) {
                StoreFailure failure = StoreFailure.of(error);
                if (failure.is(StoreFailure.Kind.GROUP_DELETED)) {
                    // the group was deleted: end the subscription (NOT_FOUND) rather than retry forever
                    busy = false;
                    fail(failure.cause());
                    return;
                }
                // a read may have been lost with its reply (e.g. a dropped connection): its entries are
                // pending for this consumer but never reached the client, so look at the own pending list again
                ownPendingDelivered = false;
                warnings.warn("read", "Consumer " + group.name() + "/" + consumer + " could not read: " + error);
                return;
            }
            if (isClosed()) {
                return;
            }
            for (Delivery delivery : outcome.deliveries()) {
                AckId ackId = delivery.ackId().orElseThrow();
                inFlight.add(entryKey(ackId.kind(), ackId.partition(), ackId.entryId()));
                sink.deliver(delivery);
            }
            if (!outcome.deliveries().isEmpty()) {
                sent();
            }
            more = outcome.entriesRead() > 0;
        }
        if (more) {
            wake();
        }
    }

    /** New entries of the sources, partition after partition until the window is full. */
    private CompletableFuture<List<PendingEntries.Entry>> readNew(int window) {
        return readUnseen(window, GroupSource::sourceKey);
    }

    /** Entries of each source's {@code key} never delivered to the group, partition after partition until the window is full. */
    private CompletableFuture<List<PendingEntries.Entry>> readUnseen(int window, java.util.function.Function<GroupSource, byte[]> key) {
        CompletableFuture<List<PendingEntries.Entry>> read = CompletableFuture.completedFuture(List.of());
        for (GroupSource source : sources) {
            read = read.thenCompose(sofar -> {
                int room = window - sofar.size();
                if (room <= 0) {
                    return CompletableFuture.completedFuture(sofar);
                }
                byte[] sourceKey = key.apply(source);
                return redis.xreadgroup(redisConsumer, XReadArgs.Builder.count(room), XReadArgs.StreamOffset.lastConsumed(sourceKey))
                        .toCompletableFuture()
                        .thenApply(messages -> concat(sofar, asEntries(source, sourceKey, messages, Map.of())));
            });
        }
        return read;
    }

    /**
     * This consumer's own pending entries (from an earlier connection, or a read whose reply was
     * lost), delivered again before anything new, except those the client holds already.
     */
    private CompletableFuture<List<PendingEntries.Entry>> readOwnPending(int window) {
        List<CompletableFuture<List<PendingEntries.Entry>>> reads = new ArrayList<>();
        for (GroupSource source : sources) {
            for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                reads.add(redis.xreadgroup(redisConsumer, XReadArgs.Builder.count(maxInFlight), XReadArgs.StreamOffset.from(key, "0-0"))
                        .toCompletableFuture()
                        .thenCompose(messages -> withCounts(source, key, messages)));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            ownPendingDelivered = true;
            List<PendingEntries.Entry> again = new ArrayList<>();
            synchronized (this) {
                for (CompletableFuture<List<PendingEntries.Entry>> read : reads) {
                    for (PendingEntries.Entry entry : read.join()) {
                        AckId.Kind kind = entry.source().isReplay(entry.key()) ? AckId.Kind.REPLAY : entry.source().kind();
                        if (again.size() < window && !inFlight.contains(entryKey(kind, entry.source().partition(), entry.message().getId()))) {
                            // Redis does not count a re-read of the own pending list: this is one more delivery
                            again.add(new PendingEntries.Entry(entry.source(), entry.key(), entry.message(), entry.deliveryCount() + 1));
                        }
                    }
                }
            }
            return again;
        });
    }

    /** Forgets deliveries that are no longer pending for this consumer (settled on another instance, or reclaimed). */
    private CompletableFuture<Void> dropSettledElsewhere() {
        List<CompletableFuture<Set<String>>> reads = new ArrayList<>();
        for (GroupSource source : sources) {
            for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                AckId.Kind kind = source.isReplay(key) ? AckId.Kind.REPLAY : source.kind();
                reads.add(redis.xpending(key, redisConsumer, Range.unbounded(), Limit.from(maxInFlight * 2L + 16)).toCompletableFuture()
                        .thenApply(pending -> {
                            Set<String> stillPending = new HashSet<>();
                            pending.forEach(message -> stillPending.add(entryKey(kind, source.partition(), message.getId())));
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

    /** Claims deliveries idle past the ack timeout; those past max deliveries are parked instead. */
    private CompletableFuture<List<PendingEntries.Entry>> reclaim() {
        int window;
        synchronized (this) {
            window = maxInFlight - inFlight.size();
        }
        if (window <= 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<CompletableFuture<List<PendingEntries.Entry>>> claims = new ArrayList<>();
        for (GroupSource source : sources) {
            for (byte[] key : List.of(source.sourceKey(), source.replayKey())) {
                XAutoClaimArgs<byte[]> args = XAutoClaimArgs.Builder.xautoclaim(redisConsumer, group.settings().ackTimeout(), "0-0").count(window);
                claims.add(redis.xautoclaim(key, args).toCompletableFuture()
                        .thenCompose((ClaimedMessages<byte[], byte[]> claimed) -> withCounts(source, key, claimed.getMessages()))
                        .thenCompose(claimed -> parkExhausted(source, claimed)));
            }
        }
        return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<PendingEntries.Entry> all = new ArrayList<>();
            claims.forEach(claim -> all.addAll(claim.join()));
            return all;
        });
    }

    private CompletableFuture<List<PendingEntries.Entry>> parkExhausted(GroupSource source, List<PendingEntries.Entry> claimed) {
        List<PendingEntries.Entry> deliverable = new ArrayList<>();
        List<CompletableFuture<?>> parked = new ArrayList<>();
        for (PendingEntries.Entry entry : claimed) {
            if (entry.deliveryCount() > group.settings().maxDeliveries() && entry.message().getBody() != null && !entry.message().getBody().isEmpty()) {
                parked.add(parker.parkEntry(group, source, entry, "delivered " + group.settings().maxDeliveries() + " times without an ack"));
            }
            else {
                deliverable.add(entry);
            }
        }
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).thenApply(ignored -> deliverable);
    }

    /** Parked messages sent back by ReplayParked. */
    private CompletableFuture<List<PendingEntries.Entry>> readReplays() {
        int window;
        synchronized (this) {
            window = maxInFlight - inFlight.size();
        }
        return readUnseen(window, GroupSource::replayKey);
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

    private static String entryKey(AckId.Kind kind, int partition, String entryId) {
        return kind + "|" + partition + "|" + entryId;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
