package io.eventline.loadtest.grpc;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * When the client ends a call that never ends by itself (Subscribe), as ghz's
 * {@code --stream-call-count} and {@code --stream-call-duration}: after {@code count} events have
 * been received (0: no count) or after {@code duration} (zero: no duration), whichever comes first.
 */
public record StreamCallEnd(long count, Duration duration) {
    public static final StreamCallEnd NONE = new StreamCallEnd(0, Duration.ZERO);

    public StreamCallEnd {
        requireNonNull(duration, "duration is null");
        if (count < 0) {
            throw new IllegalArgumentException("--stream-call-count must not be negative");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("--stream-call-duration must not be negative");
        }
    }

    /** True when a count or a duration is given, so that a call has an end besides its deadline. */
    public boolean isSet() {
        return count > 0 || !duration.isZero();
    }

    public boolean hasDuration() {
        return !duration.isZero();
    }

    public boolean countReachedBy(long received) {
        return count > 0 && received >= count;
    }
}
