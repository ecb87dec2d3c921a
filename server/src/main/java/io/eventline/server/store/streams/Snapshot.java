package io.eventline.server.store.streams;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A stream's state at a version, as a client's aggregate stored it. */
public record Snapshot(String stream, long version, byte[] data, String contentType, Instant savedAt) {
    public Snapshot {
        requireNonNull(stream, "stream is null");
        requireNonNull(data, "data is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(savedAt, "savedAt is null");
    }
}
