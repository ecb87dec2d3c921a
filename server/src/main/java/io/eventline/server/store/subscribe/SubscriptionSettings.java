package io.eventline.server.store.subscribe;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Server-wide subscription settings. */
public record SubscriptionSettings(int defaultMaxInFlight, int maxMaxInFlight, Duration heartbeatInterval, Duration pollInterval) {
    public SubscriptionSettings {
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(pollInterval, "pollInterval is null");
        if (defaultMaxInFlight < 1 || maxMaxInFlight < defaultMaxInFlight) {
            throw new IllegalArgumentException("in-flight limits must be positive and the default within the maximum");
        }
    }
}
