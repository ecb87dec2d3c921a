package io.eventline.loadtest.operation;

import java.util.concurrent.atomic.AtomicLongArray;

/** The newest version each writer has seen per stream: what it passes as the exact expected version. */
public final class KnownVersions {
    private final AtomicLongArray versions;

    public KnownVersions(int streams) {
        this.versions = new AtomicLongArray(streams);
    }

    public int streams() {
        return versions.length();
    }

    long get(int stream) {
        return versions.get(stream);
    }

    /** Versions only grow, so a late, older answer never moves a stream back. */
    void advanceTo(int stream, long version) {
        versions.accumulateAndGet(stream, version, Math::max);
    }
}
