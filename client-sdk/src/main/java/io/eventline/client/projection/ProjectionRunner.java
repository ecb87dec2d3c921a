package io.eventline.client.projection;

import io.eventline.client.EventlineClient;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.Checkpoint;
import io.eventline.client.subscribe.SubscriptionTarget;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Keeps a read model up to date: a catch-up subscription from the projection's stored checkpoint
 * (or the beginning), each event applied to the projection, the checkpoint stored every
 * {@code checkpointEvery} events, when caught up, when idle and on close.
 */
public final class ProjectionRunner implements AutoCloseable {
    private final EventlineClient client;
    private final String name;
    private final SubscriptionTarget target;
    private final Projection projection;
    private final CheckpointStore checkpoints;
    private final int checkpointEvery;
    private CatchUpSubscription subscription;

    public ProjectionRunner(EventlineClient client, String name, SubscriptionTarget target, Projection projection, CheckpointStore checkpoints,
            int checkpointEvery) {
        this.client = requireNonNull(client, "client is null");
        this.name = requireNonNull(name, "name is null");
        this.target = requireNonNull(target, "target is null");
        this.projection = requireNonNull(projection, "projection is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.checkpointEvery = checkpointEvery;
    }

    /** Starts applying events, from just after the stored checkpoint if there is one. */
    public synchronized ProjectionRunner start() {
        if (subscription != null) {
            throw new IllegalStateException("projection " + name + " is running already");
        }
        CatchUpSubscriptionSettings.Builder settings = CatchUpSubscriptionSettings.builder(target)
                .checkpointEvery(checkpointEvery)
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

    /** Completes when the projection stopped: normally after close, exceptionally when it failed to apply an event. */
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
