package io.eventline.server.store;

import static java.util.Objects.requireNonNull;

/** Where a stream lives in Redis: every key shares the partition's hash tag, so one script can touch them all. */
public record StreamLocation(StreamName stream, int partition, byte[] streamKey, byte[] metaKey, byte[] snapshotKey, byte[] logKey) {
    public StreamLocation {
        requireNonNull(stream, "stream is null");
        requireNonNull(streamKey, "streamKey is null");
        requireNonNull(metaKey, "metaKey is null");
        requireNonNull(snapshotKey, "snapshotKey is null");
        requireNonNull(logKey, "logKey is null");
    }
}
