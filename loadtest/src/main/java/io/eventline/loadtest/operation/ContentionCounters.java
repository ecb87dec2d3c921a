package io.eventline.loadtest.operation;

import java.util.concurrent.atomic.LongAdder;

/** What optimistic writers ran into: appends that went through, conflicts seen, retries made, appends given up. */
public final class ContentionCounters {
    private final LongAdder successes = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();

    void success() {
        successes.increment();
    }

    void conflict() {
        conflicts.increment();
    }

    void retry() {
        retries.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }

    public long successes() {
        return successes.sum();
    }

    public long conflicts() {
        return conflicts.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long gaveUpCount() {
        return gaveUp.sum();
    }

    public void reset() {
        successes.reset();
        conflicts.reset();
        retries.reset();
        gaveUp.reset();
    }
}
