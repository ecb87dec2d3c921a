package io.eventline.server.store;

import static java.util.Objects.requireNonNull;

/**
 * Where a stream lives in Redis: every key shares the partition's hash tag, so one script can touch them all.
 * {@code ageKey} exists only while the stream has a retention max age: one tiny entry per append, with
 * ID {@code <recorded millis>-<last version>}, so an append finds the events too old to keep from IDs alone.
 */
public record StreamLocation(StreamName stream, int partition, byte[] streamKey, byte[] metaKey, byte[] snapshotKey, byte[] ageKey, byte[] logKey) {
    public StreamLocation {
        requireNonNull(stream, "stream is null");
        requireNonNull(streamKey, "streamKey is null");
        requireNonNull(metaKey, "metaKey is null");
        requireNonNull(snapshotKey, "snapshotKey is null");
        requireNonNull(ageKey, "ageKey is null");
        requireNonNull(logKey, "logKey is null");
    }
}
