package io.eventline.server.store.append;

/**
 * Caps of group commit, per partition: how many script calls may be in flight at once (pipelined on
 * the partition's connection, so Redis runs them in order and need not idle while a reply travels);
 * what one call carries (it always carries at least one append, whatever its size), so that a burst
 * cannot hold one Redis for long; and what may wait for the next call, past which an append is
 * refused, so that a burst cannot grow memory without bound.
 */
public record GroupCommitLimits(int maxCallsInFlight, int maxCallEvents, long maxCallBytes, int maxQueuedEvents, long maxQueuedBytes) {
    /** Two calls in flight; a call as large as the largest append allowed by default; a queue of a few seconds of a busy partition. */
    public static final GroupCommitLimits DEFAULTS = new GroupCommitLimits(2, 1000, 4 * 1024 * 1024, 100_000, 64 * 1024 * 1024);

    public GroupCommitLimits {
        if (maxCallsInFlight < 1 || maxCallEvents < 1 || maxCallBytes < 1 || maxQueuedEvents < 0 || maxQueuedBytes < 0) {
            throw new IllegalArgumentException("group commit caps must be positive (queued ones may be 0): " + maxCallsInFlight + ", " + maxCallEvents
                    + ", " + maxCallBytes + ", " + maxQueuedEvents + ", " + maxQueuedBytes);
        }
    }
}
