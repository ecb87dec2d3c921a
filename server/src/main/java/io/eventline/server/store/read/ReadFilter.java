package io.eventline.server.store.read;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What a read keeps: event types, the time-travel bound, and how many events are still wanted. */
final class ReadFilter {
    private final Set<String> eventTypes;
    private final long untilMillis;
    private long remaining;

    ReadFilter(Set<String> eventTypes, Optional<Instant> until, long maxCount) {
        this.eventTypes = eventTypes;
        this.untilMillis = until.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        this.remaining = maxCount == 0 ? Long.MAX_VALUE : maxCount;
    }

    boolean wantsType(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }

    boolean recordedInTime(long recordedMillis) {
        return recordedMillis <= untilMillis;
    }

    boolean satisfied() {
        return remaining <= 0;
    }

    /** Counts one event handed to the reader. */
    void took() {
        remaining--;
    }

    /** How many entries are worth fetching next: no more than are wanted, unless a type filter may drop some. */
    long fetchHint() {
        return eventTypes.isEmpty() ? remaining : Long.MAX_VALUE;
    }
}
