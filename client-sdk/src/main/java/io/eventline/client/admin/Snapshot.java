package io.eventline.client.admin;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A stream's state at a version, stored so that loading does not replay every event. */
public record Snapshot(String stream, long version, byte[] data, String contentType, Instant savedAt) {
    public Snapshot {
        requireNonNull(stream, "stream is null");
        data = requireNonNull(data, "data is null").clone();
        requireNonNull(contentType, "contentType is null");
        requireNonNull(savedAt, "savedAt is null");
    }

    /** A copy of the snapshot's bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot that && stream.equals(that.stream) && version == that.version && java.util.Arrays.equals(data, that.data)
                && contentType.equals(that.contentType) && savedAt.equals(that.savedAt);
    }

    @Override
    public int hashCode() {
        return stream.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "Snapshot[" + stream + "@" + version + ", " + data.length + " bytes " + contentType + ", saved " + savedAt + "]";
    }
}
