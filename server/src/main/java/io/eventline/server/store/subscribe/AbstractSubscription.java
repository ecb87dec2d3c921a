package io.eventline.server.store.subscribe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import static java.util.Objects.requireNonNull;

/**
 * What every subscription shares: coalesced wake-ups run on the scheduler, periodic ticks (a
 * safety net for missed wake-ups, and the reclaim of group deliveries), heartbeats while idle,
 * and a clean close.
 */
abstract class AbstractSubscription implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(AbstractSubscription.class);

    protected final SubscriptionSink sink;
    private final SubscriptionHub hub;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration tickInterval;
    private final Duration heartbeatInterval;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    /**
     * A wake-up found the subscription unable to read (a read under way, its window full, the client
     * not ready): it reads again once that ends. Without it a read would have to follow every
     * delivery, settlement and ready client, in case something came meanwhile. Guarded by this.
     */
    private boolean wakeMissed;
    private volatile boolean closed;
    private volatile long lastSentMillis;
    private volatile ScheduledFuture<?> ticks;
    private volatile ScheduledFuture<?> heartbeats;

    AbstractSubscription(SubscriptionSink sink, SubscriptionHub hub, ScheduledExecutorService scheduler, Clock clock,
            Duration tickInterval, Duration heartbeatInterval) {
        this.sink = requireNonNull(sink, "sink is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.tickInterval = requireNonNull(tickInterval, "tickInterval is null");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval is null");
    }

    /** Registers with the hub, starts the timers and looks for work. */
    final void begin() {
        hub.register(this);
        lastSentMillis = clock.millis();
        ticks = scheduler.scheduleWithFixedDelay(this::safeTick, tickInterval.toMillis(), tickInterval.toMillis(), TimeUnit.MILLISECONDS);
        heartbeats = scheduler.scheduleAtFixedRate(this::heartbeatIfIdle, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (closed) {
            // closed while beginning (the call was cancelled at once): undo what close() may have missed
            release();
            return;
        }
        wake();
    }

    /** Reads and delivers what it can now; must not block and must tolerate being called at any time. */
    protected abstract void pump();

    /** Periodic work; by default, look for deliveries again. */
    protected void tick() {
        pump();
    }

    @Override
    public final void wake() {
        if (!closed && wakeScheduled.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                wakeScheduled.set(false);
                safely(this::pump);
            });
        }
    }

    /** Only if a wake-up was held back for it: the transport says "ready" after every message it sent. */
    @Override
    public final void clientReady() {
        wakeIfMissed();
    }

    /** Reads again if a wake-up came while it could not read; for when what held it back ends. */
    protected final void wakeIfMissed() {
        if (wakeMissed()) {
            wake();
        }
    }

    /** The pump cannot read now (under the lock): the wake-up it was called for is held back. */
    protected final void missWake() {
        wakeMissed = true;
    }

    /** The pump starts a read (under the lock): it sees whatever the wake-ups so far were for. */
    protected final void readStarts() {
        wakeMissed = false;
    }

    /** Whether a wake-up was held back since the last read started. */
    protected final synchronized boolean wakeMissed() {
        return wakeMissed;
    }

    @Override
    public void settled(Collection<AckId> ackIds) {
    }

    @Override
    public void reclaimSoon() {
    }

    protected final void scheduleTickNow() {
        if (!closed) {
            scheduler.execute(this::safeTick);
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    protected final void sent() {
        lastSentMillis = clock.millis();
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    /** Leaves the hub and stops the timers. */
    private void release() {
        hub.unregister(this);
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
    }

    @Override
    public final void terminate(Throwable reason) {
        fail(reason);
    }

    /** Closes and tells the client why. */
    protected final void fail(Throwable error) {
        synchronized (this) {
            if (!closed) {
                close();
                sink.failed(error);
            }
        }
    }

    private void safeTick() {
        safely(this::tick);
    }

    private void heartbeatIfIdle() {
        synchronized (this) {
            if (!closed && clock.millis() - lastSentMillis >= heartbeatInterval.toMillis() && sink.isReady()) {
                sink.heartbeat(clock.instant());
                sent();
            }
        }
    }

    /** Ends the call over an Error (e.g. out of memory), logged: a future would otherwise swallow it unseen. */
    protected final void failLoudly(Throwable error) {
        log.error("Subscription {}/{} ended by {}", group(), consumer(), error.toString(), error);
        fail(error);
    }

    /** A future's callback that ends the call, logged, when it throws instead of leaving the subscription stalled. */
    protected final <T> BiConsumer<T, Throwable> guarded(BiConsumer<T, Throwable> callback) {
        return (value, error) -> safely(() -> callback.accept(value, error));
    }

    private void safely(Runnable work) {
        try {
            work.run();
        }
        catch (RuntimeException e) {
            log.warn("Subscription {}/{} failed", group(), consumer(), e);
            fail(e);
        }
        catch (Error e) {
            failLoudly(e);
        }
    }
}
