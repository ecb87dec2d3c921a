package io.eventline.server.store.subscribe;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A subscription as a client asked for it; an empty group means a catch-up subscription, an empty consumer a made-up name. */
public record SubscribeRequest(SubscriptionTarget target, String group, String consumer, Optional<SubscriptionStart> start, int maxInFlight) {
    public SubscribeRequest {
        requireNonNull(target, "target is null");
        requireNonNull(group, "group is null");
        requireNonNull(consumer, "consumer is null");
        requireNonNull(start, "start is null");
    }
}
