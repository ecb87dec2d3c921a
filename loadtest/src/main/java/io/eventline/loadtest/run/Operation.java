package io.eventline.loadtest.run;

import java.util.concurrent.CompletableFuture;

/**
 * One kind of request the runner sends. It must not block: it starts the request and returns.
 * {@code slot} is the index of the concurrent worker (0..concurrency-1) that owns the request,
 * so an operation that needs a connection of its own per worker (WATCH/MULTI) can keep one per slot.
 */
@FunctionalInterface
public interface Operation {
    CompletableFuture<Outcome> start(long requestNumber, int slot);

    /**
     * Starts a request that was due at {@code dueNanos} ({@link System#nanoTime()}): the schedule's
     * time in a paced run, the send time in a closed loop. An operation that stamps its request with
     * the time it stands for (end-to-end latency) overrides this, so that a late send is charged.
     */
    default CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
        return start(requestNumber, slot);
    }

    /**
     * Ends the requests in flight at once, as ghz's {@code --duration-stop close} closes its
     * connections: they fail and are counted. Operations that cannot do so let them finish.
     */
    default void abandonInFlight() {
    }
}
