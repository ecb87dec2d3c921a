package io.eventline.server.store.subscribe;

import io.eventline.server.store.ByteBudget;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Server-wide subscription settings. {@code maxBufferedBytes} caps what one group subscription
 * reads ahead of its client: a read or reclaim asks for no more entries than fit in it (see
 * {@link ByteBudget}) and none starts while the call still has deliveries queued.
 */
public record SubscriptionSettings(int defaultMaxInFlight, int maxMaxInFlight, Duration heartbeatInterval, Duration pollInterval,
        int maxBufferedBytes) {
    public SubscriptionSettings {
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(pollInterval, "pollInterval is null");
        if (defaultMaxInFlight < 1 || maxMaxInFlight < defaultMaxInFlight) {
            throw new IllegalArgumentException("in-flight limits must be positive and the default within the maximum");
        }
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive");
        }
    }

    /** With the default byte budget. */
    public SubscriptionSettings(int defaultMaxInFlight, int maxMaxInFlight, Duration heartbeatInterval, Duration pollInterval) {
        this(defaultMaxInFlight, maxMaxInFlight, heartbeatInterval, pollInterval, ByteBudget.DEFAULT_MAX_BYTES);
    }
}
