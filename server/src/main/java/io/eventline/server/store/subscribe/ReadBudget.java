package io.eventline.server.store.subscribe;

import java.util.List;

/**
 * How many entries one read of a group consumer may ask for: no more than its free in-flight
 * window, and no more than fit in its byte budget at the size of the largest entry it read last
 * (Redis cannot cap a read in bytes). The first read takes a single entry, as nothing is known of
 * the sizes yet. Guarded by the consumer's lock.
 */
final class ReadBudget {
    private final int maxInFlight;
    private final long maxBytes;
    private long entryBytes;

    ReadBudget(int maxInFlight, long maxBytes) {
        if (maxInFlight < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxInFlight and maxBytes must be positive");
        }
        this.maxInFlight = maxInFlight;
        this.maxBytes = maxBytes;
        this.entryBytes = maxBytes;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /** Entries the next read may take with {@code inFlight} deliveries unsettled; 0 or less when the window is full. */
    int entries(int inFlight) {
        return (int) Math.min(maxInFlight - inFlight, Math.max(1, maxBytes / entryBytes));
    }

    /** Sizes the next reads by these deliveries (an empty read says nothing about sizes). */
    void read(List<Delivery> deliveries) {
        if (!deliveries.isEmpty()) {
            entryBytes = Math.max(1, deliveries.stream().mapToLong(Delivery::bytes).max().orElse(1));
        }
    }
}
