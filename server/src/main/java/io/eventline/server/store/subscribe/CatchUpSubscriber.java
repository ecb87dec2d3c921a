package io.eventline.server.store.subscribe;

import io.eventline.server.concurrent.AsyncFailures;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamNotFoundException;
import io.eventline.server.store.read.ReadCursor;
import io.eventline.server.store.read.ReadPage;
import io.eventline.server.concurrent.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A catch-up subscription: pages through history with a read cursor while the client can take it,
 * says {@code caught_up} once history is exhausted, then follows the same cursor as the tailer
 * wakes it. Nothing to acknowledge; the client keeps its own checkpoint (the last position or version).
 */
final class CatchUpSubscriber extends AbstractSubscription {
    private static final Logger log = LoggerFactory.getLogger(CatchUpSubscriber.class);
    /** A Redis outage fails every read until it ends: one line a minute, not one per retry. */
    private final RateLimitedLog warnings = new RateLimitedLog(log, Duration.ofMinutes(1));

    private final SubscriptionTarget target;
    private final Supplier<CompletableFuture<ReadCursor>> opener;
    private final long notBeforeMillis;
    private final String consumer;
    private final String subscriptionId;
    private ReadCursor cursor;
    private boolean busy;
    private boolean caughtUp;

    /**
     * @param opener opens the cursor at the start (it may need a Redis read, e.g. to find the end)
     * @param notBeforeMillis events recorded before this are skipped (a start at a time on a stream)
     */
    CatchUpSubscriber(SubscriptionTarget target, Supplier<CompletableFuture<ReadCursor>> opener, long notBeforeMillis, String consumer,
            String subscriptionId, SubscriptionSink sink, SubscriptionHub hub, ScheduledExecutorService scheduler, Clock clock,
            Duration pollInterval, Duration heartbeatInterval) {
        super(sink, hub, scheduler, clock, pollInterval, heartbeatInterval);
        this.target = requireNonNull(target, "target is null");
        this.opener = requireNonNull(opener, "opener is null");
        this.notBeforeMillis = notBeforeMillis;
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.subscriptionId = requireNonNull(subscriptionId, "subscriptionId is null");
    }

    void start() {
        synchronized (this) {
            sink.confirmed("", consumer, subscriptionId);
            sent();
        }
        begin();
    }

    @Override
    public String group() {
        return "";
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public SubscriptionTarget target() {
        return target;
    }

    @Override
    protected void pump() {
        synchronized (this) {
            if (isClosed()) {
                return;
            }
            if (busy || !sink.isReady()) {
                missWake();
                return;
            }
            busy = true;
            readStarts();
        }
        CompletableFuture<ReadCursor> open = cursor != null ? CompletableFuture.completedFuture(cursor) : opener.get();
        open.thenCompose(opened -> {
                    cursor = opened;
                    return opened.next();
                })
                .whenComplete(guarded(this::deliver));
    }

    private void deliver(ReadPage page, Throwable error) {
        boolean more;
        synchronized (this) {
            busy = false;
            if (isClosed()) {
                return;
            }
            if (error != null) {
                Throwable cause = AsyncFailures.cause(error);
                if (cause instanceof Error) {
                    failLoudly(cause);
                    return;
                }
                if (cause instanceof StreamNotFoundException) {
                    // not written yet (or deleted): nothing to catch up on; look again when woken
                    cursor = null;
                    page = new ReadPage(List.of(), true);
                }
                else {
                    warnings.warn("read", "Catch-up subscription " + subscriptionId + " could not read: " + cause);
                    return;
                }
            }
            List<Delivery> deliveries = new ArrayList<>();
            for (RecordedEvent event : page.events()) {
                if (event.position().millis() >= notBeforeMillis && target.matches(event.stream(), event.type())) {
                    deliveries.add(new Delivery(event, Optional.empty(), 1));
                }
            }
            if (!deliveries.isEmpty()) {
                sink.deliver(deliveries);
                sent();
            }
            if (page.last()) {
                if (!caughtUp) {
                    caughtUp = true;
                    sink.caughtUp();
                    sent();
                }
                if (cursor != null) {
                    cursor.follow();
                }
            }
            more = !page.last() || wakeMissed();
        }
        if (more) {
            wake();
        }
    }
}
