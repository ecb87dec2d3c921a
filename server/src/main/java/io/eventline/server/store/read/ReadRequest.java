package io.eventline.server.store.read;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A read as a client asked for it. {@code fromVersion} 0 and an empty {@code fromPosition} mean the
 * start (forward) or the end (backward); {@code maxCount} 0 means no limit.
 */
public record ReadRequest(
        String stream,
        ReadDirection direction,
        long fromVersion,
        String fromPosition,
        long maxCount,
        Optional<Instant> until,
        Set<String> eventTypes) {
    public static final String ALL = "$all";

    public ReadRequest {
        requireNonNull(stream, "stream is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(fromPosition, "fromPosition is null");
        requireNonNull(until, "until is null");
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean isAll() {
        return stream.equals(ALL);
    }
}
