package io.eventline.client.projection;

import io.eventline.client.EventlineClient;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.Checkpoint;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.client.subscribe.UndecodableEventPolicy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Keeps a read model up to date: a catch-up subscription from the projection's stored checkpoint
 * (or the beginning), each event applied to the projection, the checkpoint stored every
 * {@code checkpointEvery} events, when caught up, when idle and on close. An event the projection
 * cannot decode ({@link io.eventline.client.serialization.UndecodableEventException}) stops it by
 * default, with {@link #termination()} naming the event and the decode error: a read model that
 * skipped an event would be wrong without anyone knowing. {@link UndecodableEventPolicy#SKIP} is the
 * other choice; a projection has no group to park in.
 */
public final class ProjectionRunner implements AutoCloseable {
    private final EventlineClient client;
    private final String name;
    private final SubscriptionTarget target;
    private final Projection projection;
    private final CheckpointStore checkpoints;
    private final int checkpointEvery;
    private final UndecodableEventPolicy undecodableEvents;
    private CatchUpSubscription subscription;

    /** A runner that stops on an event the projection cannot decode. */
    public ProjectionRunner(EventlineClient client, String name, SubscriptionTarget target, Projection projection, CheckpointStore checkpoints,
            int checkpointEvery) {
        this(client, name, target, projection, checkpoints, checkpointEvery, UndecodableEventPolicy.STOP);
    }

    /** A runner that meets events the projection cannot decode with {@code undecodableEvents}: STOP or SKIP ({@link #start()} refuses PARK). */
    public ProjectionRunner(EventlineClient client, String name, SubscriptionTarget target, Projection projection, CheckpointStore checkpoints,
            int checkpointEvery, UndecodableEventPolicy undecodableEvents) {
        this.client = requireNonNull(client, "client is null");
        this.name = requireNonNull(name, "name is null");
        this.target = requireNonNull(target, "target is null");
        this.projection = requireNonNull(projection, "projection is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.checkpointEvery = checkpointEvery;
        this.undecodableEvents = requireNonNull(undecodableEvents, "undecodableEvents is null");
    }

    /** Starts applying events, from just after the stored checkpoint if there is one. */
    public synchronized ProjectionRunner start() {
        if (subscription != null) {
            throw new IllegalStateException("projection " + name + " is running already");
        }
        CatchUpSubscriptionSettings.Builder settings = CatchUpSubscriptionSettings.builder(target)
                .checkpointEvery(checkpointEvery)
                .undecodableEvents(undecodableEvents)
                .checkpointListener(checkpoint -> checkpoints.save(name, checkpoint));
        checkpoints.load(name).ifPresent(settings::resumeAfter);
        subscription = client.subscribe(settings.build(), projection::apply);
        return this;
    }

    /** Waits until the read model includes every event that existed when the projection started; false on timeout or failure. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return running().awaitCaughtUp(timeout);
    }

    /** The last event applied, if any. */
    public Optional<Checkpoint> checkpoint() {
        return running().checkpoint();
    }

    /**
     * Completes when the projection stopped: normally after close, exceptionally when it failed to apply an event (an
     * {@link io.eventline.client.serialization.UndecodableEventException} for one it could not decode, under STOP).
     */
    public CompletableFuture<Void> termination() {
        return running().termination();
    }

    /** Stops after the event being applied, storing the last checkpoint. */
    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    private synchronized CatchUpSubscription running() {
        if (subscription == null) {
            throw new IllegalStateException("projection " + name + " has not been started");
        }
        return subscription;
    }
}
