package io.eventline.server.store.subscribe;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Server-wide subscription settings. {@code maxBufferedBytes} caps what one subscription reads
 * ahead of its client: a read or reclaim asks for no more entries than fit in it (by the size of
 * the entries last read) and none starts while the call still has deliveries queued.
 */
public record SubscriptionSettings(int defaultMaxInFlight, int maxMaxInFlight, Duration heartbeatInterval, Duration pollInterval,
        int maxBufferedBytes) {
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

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
        this(defaultMaxInFlight, maxMaxInFlight, heartbeatInterval, pollInterval, DEFAULT_MAX_BUFFERED_BYTES);
    }
}
