package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.util.Collection;

/** A running subscription, as the hub and the transport see it. */
public interface Subscription {
    /** Something may be deliverable: new events, settled deliveries, or a client ready for more. Never blocks. */
    void wake();

    /** The client can take more deliveries; by default, look again. */
    default void clientReady() {
        wake();
    }

    /** What it delivers; fixed for the subscription's life, so the hub can index subscriptions by it. */
    SubscriptionTarget target();

    /** Whether an event of this stream and type, appended to this partition, may be for this subscription. */
    default boolean interestedIn(int partition, StreamName stream, String type) {
        return target().matches(stream, type);
    }

    /** The consumer group, or empty for a catch-up subscription. */
    String group();

    /** The consumer's name within its group. */
    String consumer();

    /** Deliveries were settled (by this or another instance's Ack/Nack): they no longer count against the window. */
    void settled(Collection<AckId> ackIds);

    /** Look for deliveries to reclaim now rather than at the next tick (a Nack asked for a retry). */
    void reclaimSoon();

    /** Stops delivering and frees the subscription's resources; unacked deliveries stay pending. */
    void close();

    /** Closes and ends the client's call with this error. */
    void terminate(Throwable reason);
}
