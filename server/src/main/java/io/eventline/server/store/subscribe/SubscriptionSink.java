package io.eventline.server.store.subscribe;

import java.time.Instant;
import java.util.List;

/**
 * Where a subscription sends what it delivers (the gRPC layer writes it to the call). Calls come
 * from Redis callback and scheduler threads, never two at once for one subscription; none may block.
 */
public interface SubscriptionSink {
    /** Whether the client can take more now; when it can again, the caller must {@link Subscription#wake()} the subscription. */
    boolean isReady();

    void confirmed(String group, String consumer, String subscriptionId);

    /**
     * Deliveries that are ready together (one read's worth, in delivery order); the transport may
     * send them one by one or in batches. Never empty.
     */
    void deliver(List<Delivery> deliveries);

    void caughtUp();

    void heartbeat(Instant now);

    /** Ends the subscription with an error. */
    void failed(Throwable error);
}
