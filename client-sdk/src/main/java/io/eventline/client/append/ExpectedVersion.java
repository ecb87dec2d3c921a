package io.eventline.client.append;

import com.google.protobuf.Empty;

/**
 * The state a stream must be in for an append (or delete) to go ahead: the optimistic concurrency
 * check. Versions are per stream, gap-free, from 1; a stream's version is its last event's (0 = none).
 */
public final class ExpectedVersion {
    private enum Kind {
        ANY, NO_STREAM, STREAM_EXISTS, EXACT
    }

    private static final ExpectedVersion ANY = new ExpectedVersion(Kind.ANY, -1);
    private static final ExpectedVersion NO_STREAM = new ExpectedVersion(Kind.NO_STREAM, -1);
    private static final ExpectedVersion STREAM_EXISTS = new ExpectedVersion(Kind.STREAM_EXISTS, -1);

    private final Kind kind;
    private final long version;

    private ExpectedVersion(Kind kind, long version) {
        this.kind = kind;
        this.version = version;
    }

    /** No check. */
    public static ExpectedVersion any() {
        return ANY;
    }

    /** The stream has no events: never written, or soft-deleted. */
    public static ExpectedVersion noStream() {
        return NO_STREAM;
    }

    /** The stream has at least one event. */
    public static ExpectedVersion streamExists() {
        return STREAM_EXISTS;
    }

    /** The stream is exactly at {@code version} (0: no events yet). */
    public static ExpectedVersion exact(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        return new ExpectedVersion(Kind.EXACT, version);
    }

    /** The wire form. */
    public io.eventline.proto.v1.ExpectedVersion toProto() {
        io.eventline.proto.v1.ExpectedVersion.Builder proto = io.eventline.proto.v1.ExpectedVersion.newBuilder();
        return switch (kind) {
            case ANY -> proto.setAny(Empty.getDefaultInstance()).build();
            case NO_STREAM -> proto.setNoStream(Empty.getDefaultInstance()).build();
            case STREAM_EXISTS -> proto.setStreamExists(Empty.getDefaultInstance()).build();
            case EXACT -> proto.setExact(version).build();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedVersion that && kind == that.kind && version == that.version;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return kind == Kind.EXACT ? Long.toString(version) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
