package io.eventline.server.store;

/**
 * How many entries one read may ask for so that what it returns fits in a byte budget, judged by
 * the largest entry the previous read returned (Redis cannot cap a read in bytes). The first read
 * assumes every entry is as large as an entry may be (the store's event size limit), so it stays
 * within the budget too; a read whose entries grew since the previous one overshoots by its count
 * times the growth, once. One per reader; not thread-safe.
 */
public final class ByteBudget {
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    private final long maxBytes;
    private long entryBytes;

    /** {@code largestEntryBytes}: the most one entry can hold, what the first read assumes. */
    public ByteBudget(long maxBytes, long largestEntryBytes) {
        if (maxBytes < 1 || largestEntryBytes < 1) {
            throw new IllegalArgumentException("maxBytes and largestEntryBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.entryBytes = largestEntryBytes;
    }

    /** Entries the next read may take when it wants {@code atMost} (returned as is when not positive). */
    public int entries(int atMost) {
        if (atMost <= 0) {
            return atMost;
        }
        return (int) Math.min(atMost, Math.max(1, maxBytes / entryBytes));
    }

    /** Sizes the next reads by what this one returned (an empty read says nothing about sizes). */
    public void read(Iterable<RecordedEvent> events) {
        long largest = 0;
        for (RecordedEvent event : events) {
            largest = Math.max(largest, event.approximateBytes());
        }
        if (largest > 0) {
            entryBytes = largest;
        }
    }
}
