package io.eventline.client.subscribe;

import java.util.concurrent.CompletableFuture;

/**
 * A running consumer of a group ({@code client.subscribe(GroupSubscriptionSettings, handler)}):
 * hands each delivery to the handler on its own thread, acks the handled ones in batches, nacks
 * failures for a retry with backoff (or parks them when the handler says so), meets deliveries the
 * handler cannot decode with the settings' {@link UndecodableEventPolicy}, and after a lost
 * connection settles its acks first and then subscribes again under the same consumer name, so its
 * unsettled deliveries come back to it and handled work is not redone.
 */
public interface GroupSubscription extends AutoCloseable {
    String group();

    String consumer();

    /**
     * Completes when the subscription ended: normally after {@link #close()}, exceptionally if the server refused it for
     * good, or with the exception of a delivery the handler could not decode (under {@link UndecodableEventPolicy#STOP}).
     */
    CompletableFuture<Void> termination();

    /** Stops after the running handler returns, and sends the acks still batched. */
    @Override
    void close();
}
