package io.eventline.client.subscribe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running catch-up subscription ({@code client.subscribe(CatchUpSubscriptionSettings, handler)}):
 * history from its start, then live events, each handed to the handler in order on the
 * subscription's own thread. After a lost connection it subscribes again just after the last
 * handled event, so the handler sees every event once.
 */
public interface CatchUpSubscription extends AutoCloseable {
    /** Waits until history is handled and the subscription is live; false if that took longer than {@code timeout}, or it failed. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException;

    /** The last event handled, if any. */
    Optional<Checkpoint> checkpoint();

    /**
     * Completes when the subscription ended: normally after {@link #close()}, exceptionally when the handler failed (an
     * event it could not decode, under {@link UndecodableEventPolicy#STOP}, ends it with that exception) or the server refused it.
     */
    CompletableFuture<Void> termination();

    /** Stops after the running handler returns, and reports the last checkpoint. */
    @Override
    void close();
}
